package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed docker-archive is walked while it is decompressed: layers named by their diffID are read as they
 * stream past, under the index their position promises, and the manifest must confirm each guess afterwards.
 */
class CompressedArchiveWalkTest {

    @TempDir
    Path dir;

    private static final byte[] BASE = new TarBuilder().dir("etc").file("etc/os-release", "ID=alpine\n")
            .file("etc/motd", "welcome\n".repeat(200)).build();
    private static final byte[] APP = new TarBuilder().dir("app").file("app/run.sh", "#!/bin/sh\n")
            .whiteout("etc/motd").build();
    private static final byte[] STRAY = new TarBuilder().file("stray/file", "not a layer of this image\n").build();

    /** Records, per layer index, the layer it was told and the entries it saw; counts finished layers. */
    private static final class Recorder implements LayerVisitor {
        final Map<Integer, LayerRef> layers = new ConcurrentHashMap<>();
        final Map<Integer, List<String>> entries = new ConcurrentHashMap<>();
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public EntryVisitor layer(LayerRef layer) {
            layers.put(layer.index(), layer);
            List<String> seen = new ArrayList<>();
            entries.put(layer.index(), seen);
            return new EntryVisitor() {
                @Override
                public boolean wantsContent(FileEntry header) {
                    return false;
                }

                @Override
                public void visit(FileEntry entry) {
                    seen.add(entry.kind() + " " + entry.path());
                }

                @Override
                public void end() {
                    ended.incrementAndGet();
                }
            };
        }

        Map<Integer, List<String>> sorted() {
            return new TreeMap<>(entries);
        }
    }

    private ImageArchiveBuilder image() {
        return new ImageArchiveBuilder().layer(BASE, "ADD rootfs /").layer(APP, "COPY app /app");
    }

    private Image open(Path file) throws IOException {
        return TestImages.opener(dir).openFile(file.toString());
    }

    /** What the plain (uncompressed) archive gives, read the usual way, after its manifest. */
    private Map<Integer, List<String>> expected() throws IOException {
        Path plain = image().writeDockerArchive(dir.resolve("plain.tar"), "x:1", false);
        Recorder recorder = new Recorder();
        try (Image image = open(plain)) {
            image.walk(recorder);
            assertThat(recorder.layers.get(1).createdBy()).isEqualTo("COPY app /app");
        }
        return recorder.sorted();
    }

    /** A gzip'ed docker-archive storing {@code stored} as {@code <hex>.tar} files, in that order, before the rest. */
    private Path archive(List<byte[]> stored, List<byte[]> manifestLayers) throws IOException {
        ImageArchiveBuilder builder = new ImageArchiveBuilder();
        manifestLayers.forEach(layer -> builder.layer(layer, "RUN step"));
        TarBuilder tar = new TarBuilder();
        for (byte[] layer : stored) {
            tar.file(hex(layer) + ".tar", layer);
        }
        String config = builder.config();
        String configName = hex(config.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".json";
        tar.file(configName, config);
        List<String> names = manifestLayers.stream().map(l -> "\"" + hex(l) + ".tar\"").toList();
        tar.file("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"x:1\"],\"Layers\":["
                + String.join(",", names) + "]}]");
        return Files.write(dir.resolve("custom.tar.gz"), tar.buildGzip());
    }

    private static String hex(byte[] data) {
        return ImageArchiveBuilder.sha256(data).substring("sha256:".length());
    }

    @Test
    void readsLayersWhileTheArchiveStreamsInAndGetsWhatTheUsualWalkGets() throws IOException {
        Path gzip = image().writeDockerArchive(dir.resolve("image.tar.gz"), "x:1", true);
        AtomicInteger made = new AtomicInteger();
        try (Image image = open(gzip)) {
            Recorder walked = image.walk(() -> {
                made.incrementAndGet();
                return new Recorder();
            });
            assertThat(made).as("one visitor: every guess held").hasValue(1);
            assertThat(walked.layers.values()).as("read before the config was known")
                    .allSatisfy(layer -> assertThat(layer.createdBy()).isNull());
            assertThat(walked.sorted()).isEqualTo(expected());
            assertThat(image.metadata().layers()).extracting(LayerRef::createdBy)
                    .containsExactly("ADD rootfs /", "COPY app /app");
        }
        assertThat(Files.list(dir.resolve("tmp"))).as("spool removed on close").isEmpty();
    }

    @Test
    void startsOverWithAFreshVisitorWhenTheManifestOrdersTheLayersDifferently() throws IOException {
        Path gzip = archive(List.of(APP, BASE), List.of(BASE, APP));
        List<Recorder> made = new ArrayList<>();
        try (Image image = open(gzip)) {
            Recorder walked = image.walk(() -> {
                Recorder recorder = new Recorder();
                made.add(recorder);
                return recorder;
            });
            assertThat(made).hasSize(2);
            assertThat(walked).isSameAs(made.get(1));
            assertThat(walked.sorted()).isEqualTo(expected());
            assertThat(walked.layers.get(0).createdBy()).isEqualTo("RUN step");
        }
    }

    @Test
    void startsOverWhenALayerFileIsNotInTheManifest() throws IOException {
        Path gzip = archive(List.of(STRAY, BASE, APP), List.of(BASE, APP));
        AtomicInteger made = new AtomicInteger();
        try (Image image = open(gzip)) {
            Recorder walked = image.walk(() -> {
                made.incrementAndGet();
                return new Recorder();
            });
            assertThat(made).hasValue(2);
            assertThat(walked.sorted()).isEqualTo(expected());
        }
    }

    @Test
    void neverFinishesALayerWhoseContentIsNotTheDiffIdItsNameClaims() throws IOException {
        // BASE's bytes stored under APP's name; the config claims APP's diffID for it.
        ImageArchiveBuilder builder = new ImageArchiveBuilder().layer(APP, "RUN step");
        TarBuilder tar = new TarBuilder().file(hex(APP) + ".tar", BASE);
        String config = builder.config();
        tar.file("config.json", config);
        tar.file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"" + hex(APP) + ".tar\"]}]");
        Path gzip = Files.write(dir.resolve("lying.tar.gz"), tar.buildGzip());
        Recorder recorder = new Recorder();
        try (Image image = open(gzip)) {
            assertThatThrownBy(() -> image.walk(() -> recorder)).isInstanceOf(InputException.class)
                    .hasMessageContaining("uncompressed content has digest " + ImageArchiveBuilder.sha256(BASE))
                    .hasMessageContaining("the image config says sha256:" + hex(APP));
        }
        assertThat(recorder.ended).as("no per-layer result stored for unverified bytes").hasValue(0);
    }

    @Test
    void aCorruptArchiveFailsTheSpeculativeReadersAndLeavesNothingBehind() throws IOException {
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        ImageArchiveBuilder builder = new ImageArchiveBuilder()
                .layer(new TarBuilder().file("data/random.bin", big).build(), "ADD data /data");
        Path gzip = builder.writeDockerArchive(dir.resolve("cut.tar.gz"), "x:1", true);
        byte[] bytes = Files.readAllBytes(gzip);
        Files.write(gzip, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        try (Image image = open(gzip)) {
            assertThatThrownBy(() -> image.walk(Recorder::new)).isInstanceOf(InputException.class)
                    .hasMessageContaining("truncated or corrupt compressed archive");
        }
        assertThat(Files.list(dir.resolve("tmp"))).isEmpty();
    }
}
