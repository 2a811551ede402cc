package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(dir, Map.of("HOME", dir.toString()), args);
    }

    @Test
    void validateAcceptsAGoodRuleFile() throws IOException {
        Files.writeString(dir.resolve("good.yaml"), """
                - list: shells
                  items: [bash, sh]
                - rule: shell
                  desc: a shell runs
                  condition: evt.type=execve and proc.name in (shells)
                  output: shell %proc.cmdline
                  priority: WARNING
                """);
        CliRun result = run("runtime", "validate", "-r", "good.yaml");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("good.yaml: Ok").contains("1 rules loaded");
    }

    @Test
    void validateReportsTheFileLineAndProblemOfABadCondition() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                - rule: broken
                  desc: d
                  condition: evt.type=open bar
                  output: o
                  priority: INFO
                """);
        CliRun result = run("runtime", "validate", "--rules", "bad.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.out()).contains("bad.yaml: Invalid")
                .contains("bad.yaml:1:3: error: rule 'broken': Compilation error when compiling "
                        + "\"evt.type=open bar\": 15: unexpected token after 'open', expecting 'or', 'and'");
        assertThat(result.err()).contains("1 errors in rule files");
    }

    @Test
    void validateNamesAMissingFile() {
        CliRun result = run("runtime", "validate", "-r", "nope.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("nope.yaml").contains("not found");
    }
}
