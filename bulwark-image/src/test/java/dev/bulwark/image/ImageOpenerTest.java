package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageOpenerTest {

    @TempDir
    Path dir;

    private ImageArchiveBuilder twoLayers() {
        return new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                        .symlink("etc/mtab", "/proc/mounts").build(), "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(new TarBuilder().dir("app").file("app/app.jar", "jar").whiteout("etc/mtab").build(),
                        "COPY app/ /app/ # buildkit")
                .env("PATH=/usr/bin").user("1000")
                .configJson("\"Cmd\":[\"/app/run\"],\"ExposedPorts\":{\"8080/tcp\":{}},\"Labels\":{\"a\":\"b\"}");
    }

    private Image open(Path file) throws IOException {
        return TestImages.opener(dir).openFile(file.toString());
    }

    @Test
    void readsDockerArchiveMetadataAndLayers() throws IOException {
        Path file = twoLayers().writeDockerArchive(dir.resolve("image.tar"), "example/app:1.0", false);
        try (Image image = open(file)) {
            ImageMetadata m = image.metadata();
            assertThat(m.repoTags()).containsExactly("example/app:1.0");
            assertThat(m.layers()).hasSize(2);
            assertThat(m.layers().get(1).createdBy()).isEqualTo("COPY app/ /app/ # buildkit");
            assertThat(m.config().user()).isEqualTo("1000");
            assertThat(m.config().env()).containsExactly("PATH=/usr/bin");
            assertThat(m.config().cmd()).containsExactly("/app/run");
            assertThat(m.config().exposedPorts()).containsExactly("8080/tcp");
            assertThat(m.platform()).isEqualTo(Platform.LINUX_AMD64);
            assertThat(m.configDigest()).isNotNull();
            assertThat(TestImages.entries(image, Set.of("/etc/os-release"))).containsExactly(
                    "0 DIRECTORY /etc", "0 FILE /etc/os-release = ID=alpine\nVERSION_ID=3.20.3\n",
                    "0 SYMLINK /etc/mtab", "1 DIRECTORY /app", "1 FILE /app/app.jar", "1 WHITEOUT /etc/mtab");
        }
    }

    @Test
    void everyFormatOfTheSameImageGivesTheSameFilesystem() throws IOException {
        ImageArchiveBuilder builder = twoLayers();
        List<Path> forms = List.of(
                builder.writeDockerArchive(dir.resolve("a.tar"), "x:1", false),
                builder.writeDockerArchive(dir.resolve("b.tar.gz"), "x:1", true),
                builder.writeOciLayout(Files.createDirectories(dir.resolve("oci-dir")), "1", true),
                builder.writeOciTar(dir.resolve("c.oci.tar"), "1", false));
        Object first = null;
        for (Path form : forms) {
            try (Image image = open(form)) {
                var summary = TestImages.summary(TestImages.view(image));
                assertThat(summary).containsKeys("/etc/os-release", "/app/app.jar").doesNotContainKey("/etc/mtab");
                if (first == null) {
                    first = summary;
                } else {
                    assertThat(summary).as(form.toString()).isEqualTo(first);
                }
            }
        }
        assertThat(Files.list(dir.resolve("tmp"))).as("spool files removed on close").isEmpty();
    }

    @Test
    void picksAnImageByTagAndRejectsUnknownTagsListingTheKnownOnes() throws IOException {
        Path layout = twoLayers().writeOciLayout(Files.createDirectories(dir.resolve("oci")), "3.20", true);
        try (Image image = TestImages.opener(dir).openFile(layout + ":3.20")) {
            assertThat(image.metadata().repoTags()).containsExactly("3.20");
        }
        assertThatThrownBy(() -> TestImages.opener(dir).openFile(layout + ":9.9"))
                .isInstanceOf(InputException.class).hasMessageContaining("no image tagged '9.9'")
                .hasMessageContaining("3.20");
    }

    @Test
    void picksAnImageByManifestDigest() throws IOException {
        Path layout = twoLayers().writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", false);
        String index = Files.readString(layout.resolve("index.json"));
        String digest = index.replaceAll(".*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
        try (Image image = TestImages.opener(dir).openFile(layout + "@" + digest)) {
            assertThat(image.metadata().manifestDigest()).hasToString(digest);
        }
        assertThatThrownBy(() -> TestImages.opener(dir).openFile(layout + "@sha256:" + "0".repeat(64)))
                .isInstanceOf(InputException.class).hasMessageContaining("no manifest or index with digest");
    }

    @Test
    void refusesPathTraversalEntriesNamingTheLayer() throws IOException {
        Path file = new ImageArchiveBuilder()
                .layer(new TarBuilder().file("../../etc/cron.d/evil", "x").build(), "ADD")
                .writeDockerArchive(dir.resolve("evil.tar"), "evil:1", false);
        try (Image image = open(file)) {
            assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                    .hasMessageContaining("layer 1").hasMessageContaining("contains '..'");
        }
    }

    @Test
    void refusesAbsoluteEntryNamesAndEscapingHardlinks() throws IOException {
        Path absolute = new ImageArchiveBuilder().layer(new TarBuilder().file("/etc/passwd", "x").build(), "ADD")
                .writeDockerArchive(dir.resolve("abs.tar"), "a:1", false);
        try (Image image = open(absolute)) {
            assertThatThrownBy(() -> TestImages.view(image)).hasMessageContaining("absolute entry name");
        }
        Path hardlink = new ImageArchiveBuilder()
                .layer(new TarBuilder().hardlink("etc/shadow", "../../etc/shadow").build(), "ADD")
                .writeDockerArchive(dir.resolve("hl.tar"), "h:1", false);
        try (Image image = open(hardlink)) {
            assertThatThrownBy(() -> TestImages.view(image)).hasMessageContaining("hardlink /etc/shadow points "
                    + "outside the image root");
        }
    }

    @Test
    void detectsALayerWhoseContentDoesNotMatchItsDiffId() throws IOException {
        Path layout = twoLayers().writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", false);
        // Swap the bytes of the first layer blob for another valid tar: the blob digest and diffID both break.
        Path blob;
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            blob = blobs.filter(p -> {
                try {
                    return Files.size(p) > 1000;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        Files.write(blob, new TarBuilder().file("etc/os-release", "ID=evil\n").build());
        try (Image image = open(layout)) {
            assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                    .hasMessageContaining("digest").hasMessageContaining("layer");
        }
    }

    @Test
    void reportsAMissingLayerBlob() throws IOException {
        Path layout = twoLayers().writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", true);
        String manifest = Files.readString(layout.resolve("index.json"));
        String manifestHex = manifest.replaceAll(".*\"digest\":\"sha256:([0-9a-f]{64})\".*", "$1");
        String layers = Files.readString(layout.resolve("blobs/sha256/" + manifestHex));
        String firstLayer = layers.replaceAll(".*\"layers\":\\[\\{[^}]*\"digest\":\"sha256:([0-9a-f]{64})\".*", "$1");
        Files.delete(layout.resolve("blobs/sha256/" + firstLayer));
        assertThatThrownBy(() -> open(layout)).isInstanceOf(InputException.class)
                .hasMessageContaining("layer blob sha256:" + firstLayer + " is missing");
    }

    @Test
    void reportsMalformedJsonNamingTheFileAndPosition() throws IOException {
        Path layout = twoLayers().writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1", true);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{]}");
        assertThatThrownBy(() -> open(layout)).isInstanceOf(InputException.class)
                .hasMessageContaining("index.json is not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void reportsTruncatedGzipArchive() throws IOException {
        Path file = twoLayers().writeDockerArchive(dir.resolve("image.tar.gz"), "x:1", true);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // A compressed archive is decompressed on first use: asked for its metadata, or walked while it streams in.
        try (Image image = open(file)) {
            assertThatThrownBy(image::metadata).isInstanceOf(InputException.class)
                    .hasMessageContaining("truncated or corrupt compressed archive");
        }
        try (Image image = open(file)) {
            assertThatThrownBy(() -> image.walk(() -> new FileIndex())).isInstanceOf(InputException.class)
                    .hasMessageContaining("truncated or corrupt compressed archive");
        }
        assertThat(Files.list(dir.resolve("tmp"))).as("spool removed after the failure").isEmpty();
    }

    @Test
    void stopsAGzipBombLayerAtTheRatioLimit() throws IOException {
        byte[] zeros = new byte[80 << 20];
        byte[] layer = new TarBuilder().file("bomb", zeros).build();
        Path layout = new ImageArchiveBuilder().layer(layer, "ADD").writeOciLayout(
                Files.createDirectories(dir.resolve("oci")), "1", true);
        try (Image image = open(layout)) {
            assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                    .hasMessageContaining("compression ratio above 1000:1");
        }
    }

    @Test
    void stopsALayerBeyondTheByteLimit() throws IOException {
        byte[] layer = new TarBuilder().file("big", new byte[1 << 20]).build();
        Path file = new ImageArchiveBuilder().layer(layer, "ADD").writeDockerArchive(dir.resolve("x.tar"), "x:1",
                false);
        ImageLimits small = new ImageLimits(512 << 10, 1L << 30, 1000, 64L << 20, 1000, 4096, 64, 1 << 20);
        try (Image image = new ImageOpener(ImageOptions.defaults(dir).withLimits(small)).openFile(file.toString())) {
            assertThatThrownBy(() -> TestImages.view(image)).hasMessageContaining("expands to more than 524288 bytes");
        }
    }

    @Test
    void refusesFilesThatAreNotImages() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> open(text)).isInstanceOf(InputException.class)
                .hasMessageContaining("notes.txt");
        Path tar = Files.write(dir.resolve("plain.tar"), new TarBuilder().file("hello", "x").build());
        assertThatThrownBy(() -> open(tar)).hasMessageContaining("neither a docker-archive");
        assertThatThrownBy(() -> open(dir.resolve("missing.tar"))).hasMessageContaining("no such file");
    }

    @Test
    void multiImageArchiveNeedsASelector() throws IOException {
        Path file = twoLayers().writeDockerArchive(dir.resolve("x.tar"), "x:1", false);
        // Rewrite manifest.json with two images.
        Path extracted = Files.createDirectories(dir.resolve("extracted"));
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(file))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Files.write(extracted.resolve(e.getName()), tar.readAllBytes());
            }
        }
        String manifest = Files.readString(extracted.resolve("manifest.json"));
        String second = manifest.substring(1, manifest.length() - 1).replace("x:1", "y:2");
        Files.writeString(extracted.resolve("manifest.json"), "[" + manifest.substring(1, manifest.length() - 1)
                + "," + second + "]");
        assertThatThrownBy(() -> open(extracted)).hasMessageContaining("holds 2 images")
                .hasMessageContaining("x:1, y:2");
        try (Image image = TestImages.opener(dir).openFile(extracted + ":y:2")) {
            assertThat(image.metadata().repoTags()).containsExactly("y:2");
        }
    }

    @Test
    void onlyTheVisitorThatAskedMayReadContent() throws IOException {
        Path file = twoLayers().writeDockerArchive(dir.resolve("x.tar"), "x:1", false);
        try (Image image = open(file)) {
            image.walk(layer -> new EntryVisitor() {
                @Override
                public boolean wantsContent(FileEntry header) {
                    return false;
                }

                @Override
                public void visit(FileEntry entry) {
                    if (entry.kind() == EntryKind.FILE) {
                        assertThatThrownBy(entry::open).isInstanceOf(IllegalStateException.class);
                    }
                }
            });
        }
    }

    @Test
    void composedVisitorsEachReadTheSameContentInOnePass() throws IOException {
        Path file = twoLayers().writeDockerArchive(dir.resolve("x.tar"), "x:1", false);
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        // One layer after the other, so that both sinks see the layers in the same order.
        ImageOpener sequential = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp")).withParallelism(1));
        try (Image image = sequential.openFile(file.toString())) {
            image.walk(LayerVisitors.compose(dir.resolve("spool"), List.of(reader(first), reader(second),
                    new FileIndex())));
        }
        assertThat(first.toString()).isEqualTo(second.toString()).contains("ID=alpine").contains("jar");
    }

    private static LayerVisitor reader(StringBuilder sink) {
        return layer -> new EntryVisitor() {
            @Override
            public boolean wantsContent(FileEntry header) {
                return true;
            }

            @Override
            public void visit(FileEntry entry) throws IOException {
                if (entry.kind() == EntryKind.FILE) {
                    try (var in = entry.open()) {
                        sink.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        };
    }
}
