package dev.bulwark.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the image archive reader (the outer tar of a docker-archive or OCI layout, with in-archive symlinks and
 * hardlinks): every listed name opens and reads to its size, or the archive is refused with an
 * {@link InputException}.
 */
class TarFilesFuzzTest {

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void readsArchive(byte[] data) throws IOException {
        Path file = temp.resolve("archive.tar");
        Files.write(file, data);
        try (TarFiles files = new TarFiles(file, 4096, 64)) {
            for (String name : files.names()) {
                assertThat(name).doesNotStartWith("/");
                assertThat(name.split("/")).doesNotContain("..", ".");
                assertThat(files.exists(name)).isTrue();
                try (InputStream in = files.open(name)) {
                    long read = in.readAllBytes().length;
                    assertThat(read).isLessThanOrEqualTo(Math.max(files.size(name), 0));
                }
            }
        } catch (InputException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
