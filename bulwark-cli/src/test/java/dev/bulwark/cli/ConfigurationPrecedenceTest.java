package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flag &gt; environment &gt; config file &gt; default, observed through the cache directory {@code version} prints. */
class ConfigurationPrecedenceTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void home() {
        env.put("HOME", dir.resolve("home").toString());
    }

    private String cacheDir(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "version";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun result = CliRun.run(dir, env, all);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().lines().filter(l -> l.startsWith("Cache: ")).findFirst().orElseThrow().substring(7);
    }

    private void writeConfig(String yaml) throws IOException {
        Files.writeString(dir.resolve("bulwark.yaml"), yaml);
    }

    @Test
    void defaultsToXdgCacheHomeThenHomeCache() {
        assertThat(cacheDir()).isEqualTo(dir.resolve("home/.cache/bulwark").toString());
        env.put("XDG_CACHE_HOME", "/xdg");
        assertThat(cacheDir()).isEqualTo("/xdg/bulwark");
    }

    @Test
    void configFileOverridesTheDefault() throws IOException {
        writeConfig("cache-dir: /from-file\n");
        assertThat(cacheDir()).isEqualTo("/from-file");
    }

    @Test
    void environmentOverridesTheConfigFile() throws IOException {
        writeConfig("cache-dir: /from-file\n");
        env.put("BULWARK_CACHE_DIR", "/from-env");
        assertThat(cacheDir()).isEqualTo("/from-env");
    }

    @Test
    void flagOverridesEnvironmentInEitherPosition() throws IOException {
        writeConfig("cache-dir: /from-file\n");
        env.put("BULWARK_CACHE_DIR", "/from-env");
        assertThat(cacheDir("--cache-dir", "/from-flag")).isEqualTo("/from-flag");
        CliRun before = CliRun.run(dir, env, "--cache-dir", "/before", "version");
        assertThat(before.out()).contains("Cache: /before");
    }

    @Test
    void commandSectionAppliesOnlyToThatCommand() throws IOException {
        writeConfig("version:\n  format: json\n");
        assertThat(CliRun.run(dir, env, "version").out()).contains("\"version\"");
        assertThat(CliRun.run(dir, env, "image", "--input", "x.tar", "--format", "table").err())
                .doesNotContain("unknown format");
    }

    @Test
    void explicitConfigFileIsUsedAndListsAreJoined() throws IOException {
        Path config = dir.resolve("custom.yaml");
        Files.writeString(config, "severity: [HIGH, SEVERE]\n");
        CliRun result = CliRun.run(dir, env, "image", "--config", config.toString(), "--input", "x.tar");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("SEVERE");
    }

    @Test
    void unknownConfigKeyIsAUsageErrorNamingFileAndKey() throws IOException {
        writeConfig("severty: HIGH\n");
        CliRun result = CliRun.run(dir, env, "version");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("bulwark.yaml").contains("unknown option 'severty'");
    }

    @Test
    void malformedYamlIsAUsageErrorWithTheLine() throws IOException {
        writeConfig("severity: [HIGH\nexit-code: 1\n");
        CliRun result = CliRun.run(dir, env, "version");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("bulwark.yaml").contains("invalid YAML");
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        writeConfig("cache-dir: /a\ncache-dir: /b\n");
        CliRun result = CliRun.run(dir, env, "version");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Duplicate");
    }

    @Test
    void missingExplicitConfigFileIsAUsageError() {
        CliRun result = CliRun.run(dir, env, "version", "--config", "nope.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("nope.yaml: config file not found");
    }
}
