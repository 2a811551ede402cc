package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(dir, Map.of("HOME", dir.toString()), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "image", "rootfs", "fs", "sbom", "config", "db", "db import", "db update", "db info",
            "version", "completion"})
    void printsHelpOnEveryLevel(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        CliRun result = run(args);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: bulwark" + (command.isEmpty() ? "" : " " + command));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void rootHelpListsTheScanningCommandsAndExitCodes() {
        CliRun result = run("--help");
        assertThat(result.out()).contains("image", "rootfs", "fs", "sbom", "config", "db", "version", "completion")
                .contains("3  unreadable, malformed or unsafe input")
                .doesNotContain("aot-training");
    }

    @Test
    void printsVersionAsTextAndJson() {
        CliRun text = run("version");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("Version: ").contains("Java: " + Runtime.version().feature());

        CliRun json = run("version", "--format", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"version\"").contains("\"java\"");
    }

    @Test
    void unknownFlagExitsTwoWithOneLineNamingTheFlag() {
        CliRun result = run("image", "--bogus");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("--bogus").contains("bulwark image --help");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void misspelledFlagSuggestsTheRightOne() {
        CliRun result = run("image", "--formt", "json", "--input", "x.tar");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("did you mean --format");
    }

    @Test
    void invalidOptionValuesAreUsageErrors() {
        assertThat(run("image", "--input", "x.tar", "--severity", "SEVERE").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("image", "--input", "x.tar", "--exit-code", "abc").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun format = run("image", "--input", "x.tar", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("unknown format 'xml'");
        CliRun scanner = run("image", "--input", "x.tar", "--scanners", "vuln,virus");
        assertThat(scanner.err()).contains("unknown scanner 'virus'");
    }

    @Test
    void missingCommandIsAUsageError() {
        CliRun result = run();
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("missing command");
    }

    @Test
    void generatesBashCompletionForAllCommands() {
        CliRun result = run("completion", "bash");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F").contains("image").contains("rootfs");
        assertThat(run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
