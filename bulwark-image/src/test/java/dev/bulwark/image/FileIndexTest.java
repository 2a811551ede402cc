package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIndexTest {

    @TempDir
    Path dir;

    private FileView viewOf(ImageArchiveBuilder builder) throws IOException {
        Path file = builder.writeDockerArchive(dir.resolve("image.tar"), "test:1", false);
        try (Image image = TestImages.opener(dir).openFile(file.toString())) {
            return TestImages.view(image);
        }
    }

    @Test
    void whiteoutDeletesAFileOfALowerLayer() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("app").file("app/a.jar", "a").file("app/b.jar", "b").build(), "COPY")
                .layer(new TarBuilder().whiteout("app/a.jar").build(), "RUN rm"));
        assertThat(view.get("/app/a.jar")).isEmpty();
        assertThat(view.get("/app/b.jar")).hasValueSatisfying(f -> assertThat(f.layerIndex()).isZero());
        assertThat(view.isVisible("/app/a.jar", 0)).isFalse();
        assertThat(view.isVisible("/app/b.jar", 0)).isTrue();
    }

    @Test
    void whiteoutOfADirectoryDeletesEverythingBelowIt() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("app").dir("app/lib").file("app/lib/x.jar", "x").file("apple", "a")
                        .build(), "COPY")
                .layer(new TarBuilder().whiteout("app").build(), "RUN rm -r"));
        assertThat(view.get("/app")).isEmpty();
        assertThat(view.get("/app/lib/x.jar")).isEmpty();
        assertThat(view.get("/apple")).isPresent();
    }

    @Test
    void opaqueDirectoryHidesLowerContentButKeepsItsOwnLayersFiles() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("app/static").file("app/static/old-key.pem", "k").build(), "COPY")
                .layer(new TarBuilder().dir("app/static").file("app/static/index.html", "<html>")
                        .opaque("app/static").build(), "RUN"));
        assertThat(view.get("/app/static/old-key.pem")).isEmpty();
        assertThat(view.get("/app/static/index.html")).hasValueSatisfying(f -> assertThat(f.layerIndex()).isOne());
        assertThat(view.get("/app/static")).isPresent();
    }

    @Test
    void fileReplacingADirectoryRemovesItsLowerContent() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("data").file("data/x", "x").build(), "RUN")
                .layer(new TarBuilder().file("data", "now a file").build(), "RUN"));
        assertThat(view.get("/data/x")).isEmpty();
        assertThat(view.get("/data")).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(EntryKind.FILE));
    }

    @Test
    void fileRewrittenByALaterLayerIsVisibleOnlyFromThatLayer() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/motd", "one").build(), "ADD")
                .layer(new TarBuilder().file("etc/motd", "two!").build(), "RUN"));
        assertThat(view.isVisible("/etc/motd", 0)).isFalse();
        assertThat(view.isVisible("/etc/motd", 1)).isTrue();
        assertThat(view.get("/etc/motd").orElseThrow().size()).isEqualTo(4);
    }

    @Test
    void resolvesSymlinksInsideTheImageRootOnly() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("usr/lib").file("usr/lib/os-release", "ID=debian\n")
                        .dir("etc").symlink("etc/os-release", "../usr/lib/os-release")
                        .symlink("etc/escape", "../../../../usr/lib/os-release")
                        .symlink("lib", "usr/lib")
                        .symlink("etc/loop1", "loop2").symlink("etc/loop2", "loop1").build(), "ADD"));
        assertThat(view.resolve("/etc/os-release")).hasValueSatisfying(f ->
                assertThat(f.path()).isEqualTo("/usr/lib/os-release"));
        assertThat(view.resolve("/etc/escape")).hasValueSatisfying(f ->
                assertThat(f.path()).isEqualTo("/usr/lib/os-release"));
        assertThat(view.resolve("/lib/os-release")).hasValueSatisfying(f ->
                assertThat(f.path()).isEqualTo("/usr/lib/os-release"));
        assertThat(view.resolve("/etc/loop1")).isEmpty();
        assertThat(view.get("/etc/os-release").orElseThrow().kind()).isEqualTo(EntryKind.SYMLINK);
    }

    @Test
    void hardlinkTakesItsTargetsKindAndSize() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("bin/busybox", "12345").hardlink("bin/sh", "bin/busybox").build(),
                        "ADD"));
        FileInfo sh = view.get("/bin/sh").orElseThrow();
        assertThat(sh.kind()).isEqualTo(EntryKind.FILE);
        assertThat(sh.size()).isEqualTo(5);
        assertThat(sh.linkTarget()).isEqualTo("/bin/busybox");
    }

    @Test
    void listsDirectChildrenSorted() throws IOException {
        FileView view = viewOf(new ImageArchiveBuilder()
                .layer(new TarBuilder().dir("a").file("a/2", "").file("a/1", "").dir("a/sub").file("a/sub/3", "")
                        .build(), "ADD"));
        assertThat(view.list("/a")).extracting(FileInfo::path).containsExactly("/a/1", "/a/2", "/a/sub");
    }
}
