package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every image of the shared corpus opens, and each image's two formats give the same filesystem. */
class CorpusImagesTest {

    @TempDir
    Path cache;

    private FileView view(String corpusPath) throws IOException {
        Path file = Corpus.require("images/" + corpusPath);
        try (Image image = TestImages.opener(cache).openFile(file.toString())) {
            return TestImages.view(image);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "alpine-3.12.12.oci.tar,1", "alpine-3.12.12.docker.tar.gz,1", "alpine-3.20.3-app.oci.tar,3",
        "alpine-3.20.3-app.docker.tar.gz,3", "debian-11-slim.oci.tar,1", "debian-13-slim-app.docker.tar.gz,4",
        "centos-7.5.1804-rpmdb-bdb.oci.tar,1", "centos-7.5.1804-rpmdb-sqlite.oci.tar,1",
        "thirdparty/trivy-fixture-alpine-3.10.docker.tar.gz,1", "pkgdb-alpine-3.9.4.oci.tar,1",
        "pkgdb-alpine-3.10.4.oci.tar,1", "pkgdb-alpine-3.11.5.oci.tar,1", "pkgdb-debian-9.11.oci.tar,1",
        "pkgdb-centos-8.2.2004.oci.tar,1"})
    void opensEveryCorpusImage(String file, int layers) throws IOException {
        Path path = Corpus.require("images/" + file);
        try (Image image = TestImages.opener(cache).openFile(path.toString())) {
            assertThat(image.metadata().layers()).hasSize(layers);
            FileView view = TestImages.view(image);
            assertThat(view.resolve("/etc/os-release").or(() -> view.resolve("/usr/lib/os-release"))
                    .or(() -> view.resolve("/etc/alpine-release"))).as("release file").isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpine-3.12.12", "alpine-3.20.3-app"})
    void dockerArchiveAndOciLayoutOfTheSameImageGiveIdenticalFilesystems(String image) throws IOException {
        Map<String, String> oci = TestImages.summary(view(image + ".oci.tar"));
        Map<String, String> docker = TestImages.summary(view(image + ".docker.tar.gz"));
        assertThat(oci).hasSizeGreaterThan(50).isEqualTo(docker);
    }

    @Test
    void readingLayersInParallelGivesTheSameFilesystemAndAsksAboutLayersInOrder() throws IOException {
        Path file = Corpus.require("images/debian-13-slim-app.docker.tar.gz");
        ImageOpener sequential = new ImageOpener(ImageOptions.defaults(cache).withParallelism(1));
        ImageOpener parallel = new ImageOpener(ImageOptions.defaults(cache).withParallelism(4));
        Map<String, String> one;
        try (Image image = sequential.openFile(file.toString())) {
            one = TestImages.summary(TestImages.view(image));
        }
        try (Image image = parallel.openFile(file.toString())) {
            java.util.List<Integer> asked = new java.util.ArrayList<>();
            java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            FileIndex index = new FileIndex();
            image.walk(layer -> {
                asked.add(layer.index());
                EntryVisitor entries = index.layer(layer);
                return new EntryVisitor() {
                    @Override
                    public boolean wantsContent(FileEntry header) {
                        return false;
                    }

                    @Override
                    public void visit(FileEntry entry) throws IOException {
                        threads.add(Thread.currentThread().getName());
                        entries.visit(entry);
                    }
                };
            });
            assertThat(asked).containsExactly(0, 1, 2, 3);
            assertThat(threads).allMatch(name -> name.startsWith("bulwark-layer-")).hasSizeGreaterThan(1);
            assertThat(TestImages.summary(index.view())).hasSizeGreaterThan(1000).isEqualTo(one);
        }
    }

    @Test
    void appImageWhiteoutsRemoveTheDeletedFiles() throws IOException {
        FileView alpine = view("alpine-3.20.3-app.oci.tar");
        assertThat(alpine.get("/app/lib/commons-collections-3.2.1.jar")).isEmpty();
        assertThat(alpine.get("/app/.env")).isEmpty();
        assertThat(alpine.get("/etc/motd")).isEmpty();
        assertThat(alpine.get("/app/static/old-key.pem")).isPresent();
        assertThat(alpine.get("/app/lib/log4j-core-2.14.1.jar")).hasValueSatisfying(f ->
                assertThat(f.layerIndex()).isEqualTo(1));
        assertThat(alpine.get("/root/.ssh/id_rsa")).hasValueSatisfying(f -> assertThat(f.layerIndex()).isEqualTo(2));

        FileView debian = view("debian-13-slim-app.docker.tar.gz");
        assertThat(debian.get("/app/static/old-key.pem")).as("hidden by the opaque dir of layer 4").isEmpty();
        assertThat(debian.get("/app/static/index.html")).hasValueSatisfying(f ->
                assertThat(f.layerIndex()).isEqualTo(3));
        assertThat(debian.get("/etc/motd")).isEmpty();
        assertThat(debian.resolve("/etc/os-release")).hasValueSatisfying(f ->
                assertThat(f.path()).isEqualTo("/usr/lib/os-release"));
    }

    @Test
    void readsTheLegacyDockerEngineArchiveLayout() throws IOException {
        Path file = Corpus.require("images/thirdparty/trivy-fixture-alpine-3.10.docker.tar.gz");
        try (Image image = TestImages.opener(cache).openFile(file.toString())) {
            assertThat(image.metadata().repoTags()).containsExactly("alpine:3.10");
            assertThat(image.metadata().configDigest()).hasToString(
                    "sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e");
            assertThat(TestImages.view(image).get("/lib/apk/db/installed")).isPresent();
        }
    }

    @Test
    void ociArchiveMetadataMatchesTheCorpusReadme() throws IOException {
        Path file = Corpus.require("images/alpine-3.20.3-app.oci.tar");
        try (Image image = TestImages.opener(cache).openFile(file.toString())) {
            ImageMetadata m = image.metadata();
            assertThat(m.manifestDigest()).hasToString(
                    "sha256:3b27e9972d7900f996d9e5edd9c81dc087c49902286405a4d294b19e93f5ea7f");
            assertThat(m.configDigest()).hasToString(
                    "sha256:9714445955985f83bb481f5ae061214d7ed6bdb8cfde64802337ea6b9a0d4346");
            assertThat(m.repoTags()).containsExactly("3.20.3-app");
            assertThat(m.config().workingDir()).isEqualTo("/app");
            assertThat(m.config().user()).isEmpty();
            assertThat(m.layers().get(1).createdBy()).contains("COPY app/ /app/");
        }
    }
}
