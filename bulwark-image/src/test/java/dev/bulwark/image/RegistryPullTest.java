package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.core.Progress;
import dev.bulwark.testkit.Corpus;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls images from the real CNCF distribution registry, pushed there with skopeo from the shared corpus, with no
 * auth, htpasswd (Basic) auth and token (Bearer) auth, and checks that the pulled filesystem is exactly the one read
 * from the file.
 */
class RegistryPullTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void registryAndSkopeoInstalled() {
        RegistryPeer.assumeInstalled();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString()); // no ~/.docker/config.json unless a test writes one
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    private ImageOpener opener(RegistryOptions registry, Map<String, String> env) {
        return opener(registry, env, Progress.NONE);
    }

    private ImageOpener opener(RegistryOptions registry, Map<String, String> env, Progress progress) {
        ImageOptions options = ImageOptions.defaults(dir.resolve("cache/tmp")).withRegistry(registry)
                .withProgress(progress);
        return new ImageOpener(options, RegistryEnvironment.system().withEnv(env));
    }

    private static final RegistryOptions INSECURE = new RegistryOptions(null, null, true);

    private Map<String, String> fileSummary(Path file) throws IOException {
        try (Image image = TestImages.opener(dir.resolve("cache")).openFile(file.toString())) {
            return TestImages.summary(TestImages.view(image));
        }
    }

    @Test
    void pullsOciAndDockerSchema2ImagesAnonymouslyGivingTheFilesystemOfTheFile() throws Exception {
        Path oci = Corpus.require("images/alpine-3.20.3-app.oci.tar");
        Path docker = gunzip(Corpus.require("images/alpine-3.12.12.docker.tar.gz"));
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.NONE)) {
            registry.push("oci-archive:" + oci, "corpus/alpine-app:3.20.3-app", false);
            registry.push("docker-archive:" + docker, "corpus/alpine:3.12.12", false);

            RecordingProgress progress = new RecordingProgress();
            try (Image image = opener(INSECURE, env(), progress).openReference(
                    registry.host() + "/corpus/alpine-app:3.20.3-app")) {
                ImageMetadata m = image.metadata();
                assertThat(m.manifestDigest()).as("skopeo keeps the OCI manifest byte for byte").hasToString(
                        "sha256:3b27e9972d7900f996d9e5edd9c81dc087c49902286405a4d294b19e93f5ea7f");
                assertThat(m.repoTags()).containsExactly(registry.host() + "/corpus/alpine-app:3.20.3-app");
                assertThat(m.repoDigests()).containsExactly(registry.host() + "/corpus/alpine-app@"
                        + m.manifestDigest());
                assertThat(m.config().workingDir()).isEqualTo("/app");
                assertThat(TestImages.summary(TestImages.view(image))).hasSizeGreaterThan(50)
                        .isEqualTo(fileSummary(oci));
                long stored = m.layerSizes().stream().mapToLong(Long::longValue).sum();
                assertThat(progress.totals.values().stream().mapToLong(Long::longValue).sum())
                        .as("every downloaded byte reported as progress").isEqualTo(stored);
                assertThat(progress.advanced.get()).isEqualTo(stored);
            }
            try (Image image = opener(INSECURE, env()).openReference(registry.host() + "/corpus/alpine:3.12.12")) {
                assertThat(image.metadata().layers()).hasSize(1);
                assertThat(TestImages.summary(TestImages.view(image))).hasSizeGreaterThan(50)
                        .isEqualTo(fileSummary(docker));
                // The same image by digest.
                String byDigest = registry.host() + "/corpus/alpine@" + image.metadata().manifestDigest();
                try (Image pinned = opener(INSECURE, env()).openReference(byDigest)) {
                    assertThat(pinned.metadata().configDigest()).isEqualTo(image.metadata().configDigest());
                    assertThat(pinned.metadata().repoTags()).isEmpty();
                }
            }
        }
    }

    @Test
    void pullsWithHtpasswdBasicAuthFromFlagsAndFromACredentialHelper() throws Exception {
        Path oci = Corpus.require("images/alpine-3.12.12.oci.tar");
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.HTPASSWD)) {
            registry.push("oci-archive:" + oci, "corpus/alpine:3.12", true);
            String ref = registry.host() + "/corpus/alpine:3.12";
            RegistryOptions withPassword = new RegistryOptions(RegistryPeer.USER, RegistryPeer.PASSWORD, true);
            try (Image image = opener(withPassword, env()).openReference(ref)) {
                assertThat(TestImages.summary(TestImages.view(image))).isEqualTo(fileSummary(oci));
            }

            assertThatThrownBy(() -> opener(INSECURE, env()).openReference(ref)).isInstanceOf(InputException.class)
                    .hasMessageContaining("unauthorized to pull " + registry.host() + "/corpus/alpine")
                    .hasMessageContaining("no credentials were given");
            assertThatThrownBy(() -> opener(new RegistryOptions(RegistryPeer.USER, "wrong", true), env())
                    .openReference(ref)).isInstanceOf(InputException.class)
                    .hasMessageContaining("credentials for user 'bulwark' from --username were rejected");

            // docker login with a credential store: config.json names the helper, the helper answers the secret.
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path helper = bin.resolve("docker-credential-bulwarktest");
            Files.writeString(helper, "#!/bin/sh\nread server\necho \"$server\" > " + dir.resolve("asked")
                    + "\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"" + RegistryPeer.USER + "\",\"Secret\":\""
                    + RegistryPeer.PASSWORD + "\"}' \"$server\"\n");
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = env();
            env.put("PATH", bin + ":" + env.get("PATH"));
            env.put("DOCKER_CONFIG", Files.createDirectories(dir.resolve("docker")).toString());
            Files.writeString(dir.resolve("docker/config.json"), "{\"auths\":{},\"credsStore\":\"bulwarktest\"}");
            try (Image image = opener(INSECURE, env).openReference(ref)) {
                assertThat(TestImages.view(image).get("/etc/alpine-release")).isPresent();
            }
            assertThat(Files.readString(dir.resolve("asked")).strip()).isEqualTo(registry.host());
        }
    }

    @Test
    void pullsWithBearerTokenAuthUsingDockerConfigCredentials() throws Exception {
        Path oci = Corpus.require("images/alpine-3.12.12.oci.tar");
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.TOKEN)) {
            registry.push("oci-archive:" + oci, "corpus/alpine:3.12", true);
            String ref = registry.host() + "/corpus/alpine:3.12";
            Map<String, String> env = env();
            Path home = Files.createDirectories(dir.resolve("home/.docker"));
            String auth = Base64.getEncoder().encodeToString((RegistryPeer.USER + ":" + RegistryPeer.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            Files.writeString(home.resolve("config.json"), "{\"auths\":{\"http://" + registry.host()
                    + "\":{\"auth\":\"" + auth + "\"}}}");
            registry.tokenRequests.clear();
            try (Image image = opener(INSECURE, env).openReference(ref)) {
                assertThat(TestImages.summary(TestImages.view(image))).isEqualTo(fileSummary(oci));
            }
            assertThat(registry.tokenRequests).isNotEmpty().allSatisfy(request -> assertThat(request)
                    .contains("service=" + RegistryPeer.SERVICE)
                    .contains("scope=repository%3Acorpus%2Falpine%3Apull")
                    .endsWith("with credentials"));

            Map<String, String> noDockerConfig = env();
            noDockerConfig.put("HOME", dir.resolve("elsewhere").toString());
            assertThatThrownBy(() -> opener(INSECURE, noDockerConfig).openReference(ref))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("refused a token for repository:corpus/alpine:pull (HTTP 401")
                    .hasMessageContaining("no credentials were given");
        }
    }

    @Test
    void picksThePlatformFromAnIndexAndListsTheAvailableOnesWhenNoneMatches() throws Exception {
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.NONE)) {
            StringBuilder manifests = new StringBuilder();
            for (String arch : List.of("amd64", "arm64")) {
                Path layout = new ImageArchiveBuilder()
                        .layer(new TarBuilder().file("etc/arch", arch).build(), "ADD arch /etc/arch")
                        .platform("linux", arch)
                        .writeOciLayout(Files.createDirectories(dir.resolve("oci-" + arch)), arch, true);
                registry.push("oci:" + layout + ":" + arch, "multi/app:" + arch, false);
                String index = Files.readString(layout.resolve("index.json"));
                String digest = index.replaceAll(".*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
                long size = Files.size(layout.resolve("blobs/sha256/" + digest.substring(7)));
                manifests.append(manifests.isEmpty() ? "" : ",").append("{\"mediaType\":\"")
                        .append("application/vnd.oci.image.manifest.v1+json\",\"digest\":\"").append(digest)
                        .append("\",\"size\":").append(size).append(",\"platform\":{\"os\":\"linux\",")
                        .append("\"architecture\":\"").append(arch).append("\"}}");
            }
            registry.putManifest("multi/app", "1.0", "application/vnd.oci.image.index.v1+json",
                    ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                            + "\"manifests\":[" + manifests + "]}").getBytes(StandardCharsets.UTF_8));

            String ref = registry.host() + "/multi/app:1.0";
            for (String arch : List.of("amd64", "arm64")) {
                ImageOptions options = ImageOptions.defaults(dir.resolve("cache")).withRegistry(INSECURE)
                        .withPlatform(Platform.parse("linux/" + arch));
                try (Image image = new ImageOpener(options, RegistryEnvironment.system().withEnv(env()))
                        .openReference(ref)) {
                    assertThat(image.metadata().platform()).isEqualTo(Platform.parse("linux/" + arch));
                    assertThat(TestImages.entries(image, Set.of("/etc/arch")))
                            .containsExactly("0 FILE /etc/arch = " + arch);
                }
            }
            ImageOptions s390x = ImageOptions.defaults(dir.resolve("cache")).withRegistry(INSECURE)
                    .withPlatform(Platform.parse("linux/s390x"));
            assertThatThrownBy(() -> new ImageOpener(s390x, RegistryEnvironment.system().withEnv(env()))
                    .openReference(ref)).isInstanceOf(InputException.class)
                    .hasMessageContaining("no image for platform linux/s390x")
                    .hasMessageContaining("available: linux/amd64, linux/arm64");
        }
    }

    @Test
    void reportsMissingTagsMissingBlobsAndPlainHttpWithoutInsecure() throws Exception {
        Path oci = Corpus.require("images/alpine-3.12.12.oci.tar");
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.NONE)) {
            registry.push("oci-archive:" + oci, "corpus/alpine:3.12", false);
            String ref = registry.host() + "/corpus/alpine:3.12";

            assertThatThrownBy(() -> opener(RegistryOptions.DEFAULTS, env()).openReference(ref))
                    .isInstanceOf(InputException.class).hasMessageContaining("cannot reach registry "
                            + registry.host()).hasMessageContaining("pass --insecure");
            assertThatThrownBy(() -> opener(INSECURE, env()).openReference(registry.host() + "/corpus/alpine:9.9"))
                    .isInstanceOf(InputException.class).hasMessageContaining("manifest 9.9 not found in "
                            + registry.host() + "/corpus/alpine").hasMessageContaining("MANIFEST_UNKNOWN");

            try (Image image = opener(INSECURE, env()).openReference(ref)) {
                var layer = image.metadata().layers().getFirst().digest();
                Path blob = dir.resolve("registry/data/docker/registry/v2/blobs/sha256/"
                        + layer.hex().substring(0, 2) + "/" + layer.hex() + "/data");
                assertThat(blob).exists();
                Files.delete(blob);
                assertThatThrownBy(() -> TestImages.view(image)).isInstanceOf(InputException.class)
                        .hasMessageContaining("blob " + layer + " is missing from " + registry.host()
                                + "/corpus/alpine");
            }
        }
    }

    @Test
    void pullsOverHttpsWithASelfSignedCertificateOnlyWhenInsecure() throws Exception {
        Path oci = Corpus.require("images/alpine-3.12.12.oci.tar");
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.HTPASSWD, true)) {
            registry.push("oci-archive:" + oci, "corpus/alpine:3.12", true);
            String ref = registry.host() + "/corpus/alpine:3.12";
            try (Image image = opener(new RegistryOptions(RegistryPeer.USER, RegistryPeer.PASSWORD, true), env())
                    .openReference(ref)) {
                assertThat(TestImages.summary(TestImages.view(image))).isEqualTo(fileSummary(oci));
            }
            assertThatThrownBy(() -> opener(new RegistryOptions(RegistryPeer.USER, RegistryPeer.PASSWORD, false),
                    env()).openReference(ref)).isInstanceOf(InputException.class)
                    .hasMessageContaining("cannot reach registry " + registry.host())
                    .hasMessageContaining("pass --insecure");
        }
    }

    @Test
    void retriesRateLimitsAndServerErrorsWithBoundedBackoff() throws Exception {
        Path oci = Corpus.require("images/alpine-3.12.12.oci.tar");
        try (RegistryPeer registry = new RegistryPeer(Files.createDirectories(dir.resolve("registry")),
                RegistryPeer.Auth.NONE)) {
            registry.push("oci-archive:" + oci, "corpus/alpine:3.12", false);
            List<java.time.Duration> waits = new ArrayList<>();
            RegistryEnvironment recordingSleeps = new RegistryEnvironment(java.net.http.HttpClient::newBuilder,
                    java.time.Clock.systemUTC(), waits::add, env());
            ImageOptions options = ImageOptions.defaults(dir.resolve("cache")).withRegistry(INSECURE);
            try (FlakyProxy proxy = new FlakyProxy(registry.host(), 3)) {
                try (Image image = new ImageOpener(options, recordingSleeps).openReference(proxy.host()
                        + "/corpus/alpine:3.12")) {
                    assertThat(TestImages.view(image).get("/etc/alpine-release")).isPresent();
                }
                assertThat(proxy.failed).hasValue(3);
                assertThat(waits).as("Retry-After honoured, then exponential backoff").containsExactly(
                        java.time.Duration.ofSeconds(3), java.time.Duration.ofMillis(1000),
                        java.time.Duration.ofSeconds(3));
            }
            waits.clear();
            try (FlakyProxy down = new FlakyProxy(registry.host(), Integer.MAX_VALUE)) {
                assertThatThrownBy(() -> new ImageOpener(options, recordingSleeps).openReference(down.host()
                        + "/corpus/alpine:3.12")).isInstanceOf(InputException.class)
                        .hasMessageContaining("is unavailable (HTTP 429 after 5 attempts)");
                assertThat(waits).hasSize(4);
            }
        }
    }

    private Path gunzip(Path gz) throws IOException {
        Path tar = dir.resolve(gz.getFileName().toString().replaceAll("\\.gz$", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, tar);
        }
        return tar;
    }

    /** Records the progress tasks a pull reports: their announced totals and the bytes advanced. */
    static final class RecordingProgress implements Progress {
        final Map<String, Long> totals = new ConcurrentHashMap<>();
        final AtomicLong advanced = new AtomicLong();
        final List<String> labels = new ArrayList<>();

        @Override
        public synchronized Task start(String label, long total) {
            labels.add(label);
            totals.put(label, total);
            return new Task() {
                @Override
                public void advance(long amount) {
                    advanced.addAndGet(amount);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
