package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's naming rules, as in distribution's reference normalisation. */
class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "alpine, registry-1.docker.io, library/alpine, latest, ",
        "alpine:3.20, registry-1.docker.io, library/alpine, 3.20, ",
        "docker.io/alpine:3.20, registry-1.docker.io, library/alpine, 3.20, ",
        "index.docker.io/library/alpine:3.20, registry-1.docker.io, library/alpine, 3.20, ",
        "bitnami/redis:7.2, registry-1.docker.io, bitnami/redis, 7.2, ",
        "127.0.0.1:5000/team/app:1.0, 127.0.0.1:5000, team/app, 1.0, ",
        "localhost/app, localhost, app, latest, ",
        "localhost:5000/app, localhost:5000, app, latest, ",
        "ghcr.io/org/sub/app:v1.2.3-rc_1, ghcr.io, org/sub/app, v1.2.3-rc_1, ",
        "Registry/app:1, Registry, app, 1, ",
        "[::1]:5000/app:1, [::1]:5000, app, 1, ",
        "my-registry.example.com:8443/a.b/c__d/e-f:tag, my-registry.example.com:8443, a.b/c__d/e-f, tag, "})
    void normalisesNamesLikeDocker(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
        assertThat(ref.manifestReference()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpine@", "alpine:3.20@"})
    void digestsPinTheManifestAndKeepTheTagForDisplay(String prefix) {
        ImageReference ref = ImageReference.parse(prefix + DIGEST);
        assertThat(ref.digest()).hasToString(DIGEST);
        assertThat(ref.manifestReference()).isEqualTo(DIGEST);
        assertThat(ref.tag()).isEqualTo(prefix.contains(":") ? "3.20" : null);
        assertThat(ref.toString()).isEqualTo("registry-1.docker.io/library/alpine"
                + (prefix.contains(":") ? ":3.20" : "") + "@" + DIGEST);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| empty reference",
        "Alpine:3| invalid repository name",
        "alpine:-bad| invalid tag",
        "alpine@sha256:abc| invalid sha256 digest",
        "host:5000/| missing repository name",
        "a//b| invalid repository name",
        "bad_host!:5000/app| invalid registry host",
        "app:" + "t" + "| ok"})
    void refusesMalformedReferencesNamingTheProblem(String text, String problem) {
        if (problem.equals("ok")) {
            assertThat(ImageReference.parse(text).tag()).isEqualTo("t");
            return;
        }
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(UsageException.class)
                .hasMessageContaining("image reference '" + text + "'").hasMessageContaining(problem);
    }
}
