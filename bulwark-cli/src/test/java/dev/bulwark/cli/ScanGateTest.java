package dev.bulwark.cli;

import dev.bulwark.testkit.SmallImage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CI gates through the real command line: exit codes for combinations of {@code --exit-code}, {@code --fail-on},
 * {@code --ignore-unfixed} and {@code --severity}, expired ignore entries and VEX statements, on {@link SmallImage}
 * (vulnerabilities: musl UNKNOWN fixed; lodash 2 HIGH + 1 MEDIUM fixed; express 2 MEDIUM fixed + 1 LOW unfixed;
 * no CRITICAL) with a database imported from the corpus by {@code bulwark db import}.
 */
class ScanGateTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path image;

    @BeforeAll
    static void importDatabaseAndBuildImage() {
        Path advisories = Corpus.require("advisories");
        CliRun imported = CliRun.run(shared, Map.of("HOME", shared.toString()), "--cache-dir",
                shared.resolve("cache").toString(), "db", "import", advisories.resolve("npm").toString(),
                advisories.resolve("Alpine/all.zip").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        image = SmallImage.write(shared);
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--cache-dir", shared.resolve("cache").toString(), "image",
                "--input", image.toString()));
        all.addAll(List.of(args));
        return CliRun.run(dir, Map.of("HOME", dir.toString()), all.toArray(String[]::new));
    }

    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of("no gate", List.of(), 0),
                Arguments.of("any finding", List.of("--exit-code", "7"), 7),
                Arguments.of("nothing critical", List.of("--exit-code", "7", "--fail-on", "CRITICAL"), 0),
                Arguments.of("two HIGH", List.of("--exit-code", "7", "--fail-on", "HIGH"), 7),
                Arguments.of("fixed HIGH remain", List.of("--exit-code", "7", "--fail-on", "LOW", "--ignore-unfixed"),
                        7),
                Arguments.of("the unfixed LOW", List.of("--exit-code", "7", "--severity", "LOW"), 7),
                Arguments.of("the only LOW is unfixed", List.of("--exit-code", "7", "--severity", "LOW",
                        "--ignore-unfixed"), 0),
                Arguments.of("critical, unfixed ignored", List.of("--exit-code", "7", "--fail-on", "CRITICAL",
                        "--ignore-unfixed"), 0),
                Arguments.of("unfixed ignored, no exit code", List.of("--ignore-unfixed"), 0),
                Arguments.of("UNKNOWN is below LOW", List.of("--exit-code", "7", "--fail-on", "LOW", "--severity",
                        "UNKNOWN"), 0),
                Arguments.of("UNKNOWN gates without --fail-on", List.of("--exit-code", "7", "--severity",
                        "UNKNOWN"), 7),
                Arguments.of("affected status ignored", List.of("--exit-code", "7", "--severity", "LOW",
                        "--ignore-status", "affected"), 0),
                Arguments.of("OS packages only: musl is UNKNOWN", List.of("--exit-code", "7", "--pkg-types", "os",
                        "--fail-on", "LOW"), 0),
                Arguments.of("OS packages only, any severity", List.of("--exit-code", "7", "--pkg-types", "os"), 7),
                Arguments.of("libraries only", List.of("--exit-code", "7", "--pkg-types", "library", "--fail-on",
                        "HIGH"), 7));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("gates")
    void vulnerabilityGateExitCodes(String name, List<String> options, int expected) {
        List<String> args = new ArrayList<>(List.of("--scanners", "vuln"));
        args.addAll(options);
        CliRun result = run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(name + "\n" + result.err() + result.out()).isEqualTo(expected);
    }

    @Test
    void aSecretInADeletedFileStillHitsACriticalGate() {
        CliRun result = run("--exit-code", "7", "--fail-on", "CRITICAL");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(7);
        assertThat(result.out()).contains("github-pat").contains("(deleted later)");
    }

    @Test
    void anExpiredIgnoreEntryNoLongerSuppressesAndIsReported() throws IOException {
        Files.writeString(dir.resolve(".bulwarkignore.yaml"), """
                vulnerabilities:
                  - id: CVE-2020-8203
                    package: lodash
                    reason: accepted until the upgrade
                    expires: 2020-01-01
                  - id: CVE-2021-23337
                    purl: pkg:npm/lodash
                    reason: not reachable
                    expires: 2099-12-31
                """);
        CliRun result = run("--scanners", "vuln", "--exit-code", "7", "--fail-on", "HIGH", "--format", "json");
        assertThat(result.exitCode()).as("the expired entry's HIGH finding hits the gate").isEqualTo(7);
        assertThat(result.err()).contains("warning: ignore entry").contains("CVE-2020-8203").contains("expired");
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("warnings").toString()).contains("CVE-2020-8203").contains("expired on 2020-01-01");
        List<String> reported = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        for (JsonNode r : report.path("results")) {
            r.path("vulnerabilities").forEach(v -> reported.add(v.path("id").asText()));
            r.path("suppressed").forEach(s -> suppressed.add(s.path("finding").path("id").asText() + " "
                    + s.path("reason").asText()));
        }
        assertThat(reported).contains("CVE-2020-8203").doesNotContain("CVE-2021-23337");
        assertThat(suppressed).containsExactly("CVE-2021-23337 not reachable");
    }

    @Test
    void aVexNotAffectedStatementSuppressesAndOpensTheGate() throws IOException {
        Path vex = dir.resolve("app.openvex.json");
        Files.writeString(vex, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1",
                 "author": "app team", "timestamp": "2026-01-01T00:00:00Z", "version": 1,
                 "statements": [
                   {"vulnerability": {"name": "CVE-2020-8203"},
                    "products": [{"@id": "pkg:oci/app", "subcomponents": [{"@id": "pkg:npm/lodash@4.17.15"}]}],
                    "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
                   {"vulnerability": {"name": "CVE-2021-23337"}, "products": [{"@id": "pkg:npm/lodash@4.17.15"}],
                    "status": "not_affected", "justification": "vulnerable_code_not_present"},
                   {"vulnerability": {"name": "CVE-2024-43796"}, "products": [{"@id": "pkg:npm/express@4.16.0"}],
                    "status": "affected"}]}
                """);
        CliRun gated = run("--scanners", "vuln", "--exit-code", "7", "--fail-on", "HIGH");
        assertThat(gated.exitCode()).isEqualTo(7);
        CliRun result = run("--scanners", "vuln", "--exit-code", "7", "--fail-on", "HIGH", "--vex", vex.toString(),
                "--show-suppressed");
        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        assertThat(result.out()).contains("Suppressed:")
                .containsPattern("HIGH +CVE-2020-8203 +lodash 4\\.17\\.15 +vex +not_affected "
                        + "\\(vulnerable_code_not_in_execute_path\\)")
                .containsPattern("MEDIUM +CVE-2024-43796 +express");
    }

    @Test
    void aMissingDatabaseExitsFourAndSaysHowToImportOne() {
        CliRun result = CliRun.run(dir, Map.of("HOME", dir.toString()), "--cache-dir", dir.resolve("none").toString(),
                "image", "--input", image.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(result.err()).contains("bulwark db import ../shared/corpus/advisories");
    }
}
