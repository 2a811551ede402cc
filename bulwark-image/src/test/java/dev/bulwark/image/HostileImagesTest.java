package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.bulwark.core.InputException;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of bad input, each built in code: every one is refused with an {@link InputException} naming the
 * image and the problem, and nothing is left behind outside the cache directory (whose spool area is empty again).
 */
class HostileImagesTest {

    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("cache");
    }

    private ImageOpener opener() {
        return TestImages.opener(cache());
    }

    private ImageOpener opener(ImageLimits limits) {
        return new ImageOpener(ImageOptions.defaults(cache().resolve("tmp")).withLimits(limits));
    }

    /** Nothing was written but the inputs the test made: the cache's spool area is empty. */
    @AfterEach
    void nothingLeftInTheCache() throws IOException {
        if (Files.isDirectory(cache())) {
            try (Stream<Path> files = Files.walk(cache())) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
        }
    }

    private static ImageArchiveBuilder oneLayer(byte[] tar) {
        return new ImageArchiveBuilder().layer(tar, "ADD rootfs /");
    }

    private static byte[] zstd(byte[] data) {
        return Zstd.compress(data, 3);
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static String manifestDigest(Path layout) throws IOException {
        return Files.readString(layout.resolve("index.json")).replaceAll(".*\"digest\":\"(sha256:[0-9a-f]{64})\".*",
                "$1");
    }

    private static String firstLayerDigest(Path layout) throws IOException {
        return Files.readString(blob(layout, manifestDigest(layout)))
                .replaceAll(".*\"layers\":\\[\\{[^}]*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
    }

    @Test
    void readsZstdCompressedLayers() throws IOException {
        byte[] tar = new TarBuilder().dir("etc").file("etc/os-release", "ID=zstd\n").build();
        Path layout = oneLayer(tar).writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1",
                "+zstd", HostileImagesTest::zstd);
        assertThat(Files.readString(blob(layout, manifestDigest(layout))))
                .contains("application/vnd.oci.image.layer.v1.tar+zstd");
        try (Image image = opener().openFile(layout.toString())) {
            assertThat(TestImages.entries(image, Set.of("/etc/os-release")))
                    .containsExactly("0 DIRECTORY /etc", "0 FILE /etc/os-release = ID=zstd\n");
        }
    }

    @Test
    void stopsZstdAndGzipBombsAtTheRatioLimit() throws IOException {
        byte[] bomb = new TarBuilder().file("zeros", new byte[80 << 20]).build();
        Path zstdLayout = oneLayer(bomb).writeOciLayout(Files.createDirectories(dir.resolve("zstd")), "1", "+zstd",
                HostileImagesTest::zstd);
        Path gzipLayout = oneLayer(bomb).writeOciLayout(Files.createDirectories(dir.resolve("gzip")), "1", true);
        for (Path layout : List.of(zstdLayout, gzipLayout)) {
            try (Image image = opener().openFile(layout.toString())) {
                assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                        .hasMessageStartingWith(layout.toString()).hasMessageContaining("layer 1")
                        .hasMessageContaining("compression ratio above 1000:1").hasMessageContaining("bomb");
            }
        }
    }

    @Test
    void stopsAnImageBeyondTheTotalByteLimitAcrossLayers() throws IOException {
        byte[] layer = new TarBuilder().file("data", new byte[600 << 10]).build();
        Path file = new ImageArchiveBuilder().layer(layer, "ADD a").layer(
                new TarBuilder().file("more", new byte[600 << 10]).build(), "ADD b")
                .writeDockerArchive(dir.resolve("big.tar"), "big:1", false);
        ImageLimits limits = new ImageLimits(1 << 20, 1 << 20, 1000, 64L << 20, 1000, 4096, 64, 1 << 20);
        try (Image image = opener(limits).openFile(file.toString())) {
            // Layers are read in parallel, so either may be the one that crosses the image's total.
            assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                    .hasMessageMatching("(?s).*layer [12] .*").hasMessageContaining("the image expands to more than "
                            + (1 << 20) + " bytes");
        }
    }

    @Test
    void reportsTruncatedGzipAndZstdLayers() throws IOException {
        byte[] tar = new TarBuilder().file("etc/os-release", "ID=x\n").file("big", new byte[200_000]).build();
        Path gzip = oneLayer(tar).writeOciLayout(Files.createDirectories(dir.resolve("gzip")), "1", true);
        Path zstd = oneLayer(tar).writeOciLayout(Files.createDirectories(dir.resolve("zstd")), "1", "+zstd",
                HostileImagesTest::zstd);
        for (Path layout : List.of(gzip, zstd)) {
            Path layer = blob(layout, firstLayerDigest(layout));
            byte[] bytes = Files.readAllBytes(layer);
            Files.write(layer, Arrays.copyOf(bytes, bytes.length / 2));
            try (Image image = opener().openFile(layout.toString())) {
                assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                        .hasMessageContaining("layer 1").hasMessageMatching("(?s).*(truncated|corrupt).*");
            }
        }
    }

    @Test
    void symlinksPointingOutsideStayInsideTheImageAndEscapingHardlinksAreRefused() throws IOException {
        Path file = oneLayer(new TarBuilder().dir("etc").file("etc/shadow", "image-shadow")
                .symlink("etc/passwd", "../../../../../etc/shadow").symlink("etc/abs", "/etc/shadow")
                .symlink("app/up", "../../..").build())
                .writeDockerArchive(dir.resolve("links.tar"), "links:1", false);
        try (Image image = opener().openFile(file.toString())) {
            FileView view = TestImages.view(image);
            assertThat(view.resolve("/etc/passwd")).hasValueSatisfying(f -> {
                assertThat(f.path()).isEqualTo("/etc/shadow");
                assertThat(f.size()).isEqualTo("image-shadow".length());
            });
            assertThat(view.resolve("/etc/abs")).hasValueSatisfying(f -> assertThat(f.path()).isEqualTo("/etc/shadow"));
            assertThat(view.resolve("/app/up/etc/shadow")).hasValueSatisfying(f ->
                    assertThat(f.path()).isEqualTo("/etc/shadow"));
        }
        for (String target : List.of("../../../etc/shadow", "/etc/shadow")) {
            Path hardlink = oneLayer(new TarBuilder().hardlink("etc/hl", target).build())
                    .writeDockerArchive(dir.resolve("hl.tar"), "hl:1", false);
            try (Image image = opener().openFile(hardlink.toString())) {
                assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                        .hasMessageContaining("hardlink /etc/hl points outside the image root");
            }
            Files.delete(hardlink);
        }
    }

    @Test
    void stopsALayerWithMoreEntriesThanTheLimit() throws IOException {
        TarBuilder tar = new TarBuilder();
        for (int i = 0; i < 1500; i++) {
            tar.file("f/" + i, "");
        }
        Path file = oneLayer(tar.build()).writeDockerArchive(dir.resolve("many.tar"), "many:1", false);
        ImageLimits limits = new ImageLimits(1L << 30, 1L << 30, 1000, 64L << 20, 1000, 4096, 64, 1 << 20);
        try (Image image = opener(limits).openFile(file.toString())) {
            assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                    .hasMessageContaining("layer 1").hasMessageContaining("more than 1000 entries");
        }
    }

    @Test
    void reportsMissingBlobsAndLayerFiles() throws IOException {
        ImageArchiveBuilder builder = oneLayer(new TarBuilder().file("a", "a").build());
        Path layout = builder.writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", true);
        String config = Files.readString(blob(layout, manifestDigest(layout)))
                .replaceAll(".*\"config\":\\{[^}]*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
        Files.delete(blob(layout, config));
        assertThatThrownBy(() -> opener().openFile(layout.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("blob " + config + " is missing from the layout");

        Path extracted = Files.createDirectories(dir.resolve("docker"));
        Path archive = builder.writeDockerArchive(dir.resolve("d.tar"), "d:1", false);
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                Files.newInputStream(archive))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (!e.getName().endsWith(".tar")) {
                    Files.write(extracted.resolve(e.getName()), tar.readAllBytes());
                }
            }
        }
        assertThatThrownBy(() -> opener().openFile(extracted.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("listed in manifest.json is missing");
    }

    @Test
    void reportsMalformedManifestsAndConfigsNamingTheDocument() throws IOException {
        Path layout = oneLayer(new TarBuilder().file("a", "a").build())
                .writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", true);
        byte[] broken = "{\"schemaVersion\":2,\"layers\":[".getBytes(StandardCharsets.UTF_8);
        String brokenDigest = ImageArchiveBuilder.sha256(broken);
        Files.write(blob(layout, brokenDigest), broken);
        Files.writeString(layout.resolve("index.json"), Files.readString(layout.resolve("index.json"))
                .replace(manifestDigest(layout), brokenDigest));
        assertThatThrownBy(() -> opener().openFile(layout.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("blob " + brokenDigest + " is not valid JSON");

        Path archive = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(archive.resolve("manifest.json"), "[{\"Config\":\"c.json\",\"Layers\":[]}]");
        Files.writeString(archive.resolve("c.json"), "{\"rootfs\":{\"diff_ids\":[\"sha256:12\"]}}");
        assertThatThrownBy(() -> opener().openFile(archive.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("invalid diff_id");
        Files.writeString(archive.resolve("manifest.json"), "{\"not\":\"an array\"}");
        assertThatThrownBy(() -> opener().openFile(archive.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("manifest.json: expected a non-empty array");
    }

    /** Wraps the layout's image in {@code levels} nested indexes, the innermost naming its platform. */
    private static void nest(Path layout, int levels, String os, String arch) throws IOException {
        String index = Files.readString(layout.resolve("index.json"));
        String digest = manifestDigest(layout);
        long size = Files.size(blob(layout, digest));
        String descriptor = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest
                + "\",\"size\":" + size + ",\"platform\":{\"os\":\"" + os + "\",\"architecture\":\"" + arch + "\"}}";
        for (int i = 0; i < levels; i++) {
            byte[] nested = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[" + descriptor + "]}").getBytes(StandardCharsets.UTF_8);
            String nestedDigest = ImageArchiveBuilder.sha256(nested);
            Files.write(blob(layout, nestedDigest), nested);
            descriptor = "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + nestedDigest
                    + "\",\"size\":" + nested.length + ",\"platform\":{\"os\":\"" + os + "\",\"architecture\":\""
                    + arch + "\"}}";
        }
        Files.writeString(layout.resolve("index.json"), index.substring(0, index.indexOf("\"manifests\":["))
                + "\"manifests\":[" + descriptor + "]}");
    }

    @Test
    void refusesAnIndexWithoutTheRequestedPlatformListingTheAvailableOnes() throws IOException {
        Path layout = oneLayer(new TarBuilder().file("a", "a").build()).platform("linux", "arm64")
                .writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", true);
        nest(layout, 1, "linux", "arm64");
        assertThatThrownBy(() -> opener().openFile(layout.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("no image for platform linux/amd64").hasMessageContaining("available: "
                        + "linux/arm64").hasMessageContaining("--platform");
        ImageOptions arm = ImageOptions.defaults(cache().resolve("tmp")).withPlatform(Platform.parse("linux/arm64"));
        try (Image image = new ImageOpener(arm).openFile(layout.toString())) {
            assertThat(image.metadata().platform()).isEqualTo(Platform.parse("linux/arm64"));
        }
    }

    @Test
    void refusesIndexesNestedBeyondTheDepthLimit() throws IOException {
        Path ok = oneLayer(new TarBuilder().file("a", "a").build())
                .writeOciLayout(Files.createDirectories(dir.resolve("ok")), "1", true);
        nest(ok, 3, "linux", "amd64");
        try (Image image = opener().openFile(ok.toString())) {
            assertThat(image.metadata().layers()).hasSize(1);
        }
        Path deep = oneLayer(new TarBuilder().file("a", "a").build())
                .writeOciLayout(Files.createDirectories(dir.resolve("deep")), "1", true);
        nest(deep, 12, "linux", "amd64");
        assertThatThrownBy(() -> opener().openFile(deep.toString())).isInstanceOf(InputException.class)
                .hasMessageContaining("nested too deeply or refers to itself");
    }
}
