package dev.bulwark.image.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Progress;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageLimits;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.Platform;
import dev.bulwark.image.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the two image archive formats end to end in memory: docker-archive ({@code manifest.json}, the config, the
 * layers it names) and OCI layout ({@code index.json}, nested indexes, manifests, configs, layers by digest). Inputs
 * are {@link FuzzedArchive} documents. An archive either opens with metadata that agrees with itself and walks to
 * the end, or fails with an {@link InputException}.
 */
class ImageArchiveFuzzTest {

    private static final ImageLimits LIMITS = new ImageLimits(8L << 20, 16L << 20, 100, 1L << 20, 10_000, 4096, 256,
            1L << 20);
    private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;

    /** Document 0 is {@code manifest.json}; document {@code i} is the file {@code f<i>}. */
    @FuzzTest(maxDuration = "5m")
    void opensDockerArchive(byte[] data) throws IOException {
        FuzzedArchive files = FuzzedArchive.of(data, Map.of(),
                (i, digest) -> i == 0 ? "manifest.json" : "f" + i);
        try (Image image = DockerArchiveSource.open(files, "fuzz", null, options(), () -> { })) {
            walk(image);
        } catch (InputException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Document 0 is {@code index.json}; every other document is a blob stored under its digest. */
    @FuzzTest(maxDuration = "5m")
    void opensOciLayout(byte[] data) throws IOException {
        FuzzedArchive files = FuzzedArchive.of(data, Map.of("oci-layout", OCI_LAYOUT),
                (i, digest) -> i == 0 ? "index.json" : "blobs/sha256/" + digest.hex());
        try (Image image = OciLayoutSource.open(files, "fuzz", null, Platform.LINUX_AMD64, options(), () -> { })) {
            walk(image);
        } catch (InputException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static ImageOptions options() {
        return new ImageOptions(Platform.LINUX_AMD64, LIMITS, temp, Progress.NONE, RegistryOptions.DEFAULTS, 1);
    }

    private static void walk(Image image) throws IOException {
        assertThat(image.metadata().layers()).hasSameSizeAs(image.metadata().layerSizes());
        image.walk(layer -> new EntryVisitor() {
            @Override
            public boolean wantsContent(FileEntry header) {
                return true;
            }

            @Override
            public void visit(FileEntry entry) throws IOException {
                assertThat(entry.path()).startsWith("/");
                if (entry.kind() == EntryKind.FILE) {
                    try (InputStream in = entry.open()) {
                        in.readAllBytes();
                    }
                }
            }
        });
    }
}
