package dev.bulwark.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCredentialsTest {

    @TempDir
    Path dir;

    private DockerCredentials withConfig(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return new DockerCredentials(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", dir.resolve("bin").toString()));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsDockerHubUnderItsLegacyIndexKey() throws IOException {
        DockerCredentials store = withConfig("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + base64("hubuser:pa:ss") + "\"}}}");
        assertThat(store.lookup("registry-1.docker.io")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("hubuser");
            assertThat(c.password()).as("only the first colon separates").isEqualTo("pa:ss");
        });
        assertThat(store.lookup("ghcr.io")).isEmpty();
    }

    @Test
    void matchesKeysWithSchemeAndPathAndPlainUsernamePasswordEntries() throws IOException {
        DockerCredentials store = withConfig("{\"auths\":{\"http://127.0.0.1:5000/v2/\":{\"username\":\"u\","
                + "\"password\":\"p\"},\"ghcr.io\":{\"auth\":\"" + base64("g:h") + "\"}}}");
        assertThat(store.lookup("127.0.0.1:5000")).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("u"));
        assertThat(store.lookup("ghcr.io")).hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("h"));
        assertThat(store.lookup("127.0.0.1:5001")).isEmpty();
    }

    @Test
    void aPerRegistryHelperWinsOverAuthsAndAMissingHelperMeansAnonymous() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-ecr");
        Files.writeString(helper, "#!/bin/sh\nread s\nprintf '{\"Username\":\"AWS\",\"Secret\":\"tok-%s\"}' \"$s\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        DockerCredentials store = withConfig("{\"credHelpers\":{\"1234.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr\","
                + "\"quay.io\":\"absent\"},\"auths\":{\"1234.dkr.ecr.eu-west-1.amazonaws.com\":{\"auth\":\""
                + base64("x:y") + "\"}}}");
        assertThat(store.lookup("1234.dkr.ecr.eu-west-1.amazonaws.com")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("AWS");
            assertThat(c.password()).isEqualTo("tok-1234.dkr.ecr.eu-west-1.amazonaws.com");
            assertThat(c.source()).isEqualTo("docker-credential-ecr");
        });
        assertThat(store.lookup("quay.io")).isEmpty();
    }

    @Test
    void aHelperThatKnowsNothingMeansAnonymous() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-desktop");
        Files.writeString(helper, "#!/bin/sh\necho 'credentials not found in native keychain'\nexit 1\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        DockerCredentials store = withConfig("{\"credsStore\":\"desktop\"}");
        assertThat(store.lookup("registry-1.docker.io")).isEmpty();
    }

    @Test
    void malformedConfigIsAnInputErrorNamingTheFile() throws IOException {
        assertThatThrownBy(() -> withConfig("{\"auths\":").lookup("ghcr.io")).isInstanceOf(InputException.class)
                .hasMessageContaining("config.json").hasMessageContaining("cannot read the Docker config");
        assertThatThrownBy(() -> withConfig("{\"auths\":{\"ghcr.io\":{\"auth\":\"***\"}}}").lookup("ghcr.io"))
                .hasMessageContaining("not valid base64");
        assertThat(new DockerCredentials(Map.of()).lookup("ghcr.io")).as("no HOME, no DOCKER_CONFIG").isEmpty();
    }
}
