package dev.bulwark.cli;

import dev.bulwark.testkit.SmallImage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sbom}, {@code convert}, formats and table options through the real command line. */
class ReportCommandsTest {

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
        List<String> all = new ArrayList<>(List.of("--cache-dir", shared.resolve("cache").toString()));
        all.addAll(List.of(args));
        return CliRun.run(dir, Map.of("HOME", dir.toString()), all.toArray(String[]::new));
    }

    @Test
    void convertRendersASavedJsonReportLikeTheScanWould() throws IOException {
        CliRun saved = run("image", "--input", image.toString(), "--scanners", "vuln,secret,misconfig",
                "--format", "json", "-o", "report.json");
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        CliRun direct = run("image", "--input", image.toString(), "--scanners", "vuln,secret,misconfig",
                "--format", "sarif");
        CliRun converted = run("convert", "report.json", "--format", "sarif");
        assertThat(converted.exitCode()).as(converted.err()).isZero();
        assertThat(converted.out()).isEqualTo(direct.out());

        CliRun critical = run("convert", "report.json", "--severity", "CRITICAL", "--exit-code", "9");
        assertThat(critical.exitCode()).isEqualTo(9);
        assertThat(critical.out()).contains("github-pat").doesNotContain("lodash");

        CliRun cdx = run("convert", "report.json", "--format", "cyclonedx");
        JsonNode bom = new ObjectMapper().readTree(cdx.out());
        assertThat(bom.path("vulnerabilities").findValuesAsText("id")).contains("CVE-2020-8203", "CVE-2024-9266");

        Files.writeString(dir.resolve("other.json"), "{\"Results\": []}");
        CliRun notOurs = run("convert", "other.json");
        assertThat(notOurs.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(notOurs.err()).contains("other.json").contains("not a Bulwark JSON report");
    }

    @Test
    void sbomScansAnSbomBulwarkWroteAndGates() {
        CliRun written = run("image", "--input", image.toString(), "--format", "cyclonedx", "-o", "app.cdx.json");
        assertThat(written.exitCode()).as(written.err()).isZero();
        CliRun scanned = run("sbom", "app.cdx.json", "--exit-code", "9", "--fail-on", "HIGH");
        assertThat(scanned.exitCode()).as(scanned.err()).isEqualTo(9);
        assertThat(scanned.out()).contains("app.cdx.json (alpine 3.9.4)").contains("CVE-2019-14697")
                .contains("CVE-2020-8203");
        CliRun missing = run("sbom", "nothing.json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("nothing.json").contains("no such file");
    }

    @Test
    void tableColoursSeveritiesOnlyOnATerminalAndHonoursNoColor() {
        String[] args = {"--cache-dir", shared.resolve("cache").toString(), "image", "--input", image.toString(),
                "--scanners", "vuln"};
        StringWriter tty = new StringWriter();
        Main.run(new CliEnvironment(new PrintWriter(tty, true), new PrintWriter(new StringWriter(), true),
                Map.of("HOME", dir.toString()), dir, false, java.io.InputStream.nullInputStream(), true), args);
        assertThat(tty.toString()).contains("\u001b[31mHIGH\u001b[0m");
        StringWriter noColor = new StringWriter();
        Main.run(new CliEnvironment(new PrintWriter(noColor, true), new PrintWriter(new StringWriter(), true),
                Map.of("HOME", dir.toString(), "NO_COLOR", "1"), dir, false, java.io.InputStream.nullInputStream(),
                true), args);
        assertThat(noColor.toString()).contains("HIGH").doesNotContain("\u001b[");
        assertThat(run(args).out()).doesNotContain("\u001b[");
    }

    @Test
    void templatesRenderTheModelAndNeedATemplateFile() throws IOException {
        Files.writeString(dir.resolve("t.peb"), "{% for f in findings %}{{ f.id }}|{% endfor %}{{ artifact.os.family }}");
        CliRun result = run("image", "--input", image.toString(), "--scanners", "vuln", "--format", "template",
                "--template", "t.peb", "--severity", "HIGH");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("CVE-2020-8203|CVE-2021-23337|alpine");
        CliRun noTemplate = run("image", "--input", image.toString(), "--format", "template");
        assertThat(noTemplate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTemplate.err()).contains("needs --template FILE");
    }

    @Test
    void aGitleaksConfigReplacesTheBuiltInSecretRules() throws IOException {
        Files.writeString(dir.resolve("gitleaks.toml"), """
                [[rules]]
                id = "team-token"
                description = "Team token assignment"
                regex = '''GITHUB_TOKEN=(\\S{20,})'''
                keywords = ["github_token"]
                """);
        CliRun result = run("image", "--input", image.toString(), "--scanners", "secret", "--secret-config",
                "gitleaks.toml");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("team-token").doesNotContain("github-pat");
    }

    @Test
    void aProjectScanShowsSecretsAndDockerfileChecksWithRelativePathsAndNoLayerColumn() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve(".env"), "GITHUB_TOKEN=" + SmallImage.TOKEN + "\n");
        Files.writeString(project.resolve("Dockerfile"), "FROM node:latest\nRUN npm install express\n");
        CliRun result = run("fs", "project", "--scanners", "secret,misconfig");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("\n\\.env\nTotal: 1 \\(CRITICAL: 1\\)")
                .containsPattern("\nDockerfile \\(dockerfile\\)\n").contains("BW-DS-001")
                .containsPattern("SEVERITY +RULE +LINE +MATCH").doesNotContain("LAYER");
    }

    @Test
    void aBrokenVexOrIgnoreFileFailsBeforeTheScanNamingTheFile() throws IOException {
        CliRun missingVex = run("image", "--input", "does-not-exist.tar", "--vex", "missing.json");
        assertThat(missingVex.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missingVex.err()).contains("missing.json").doesNotContain("does-not-exist.tar");
        Files.writeString(dir.resolve(".bulwarkignore.yaml"), "vulnerabilities:\n  - id: CVE-1\n    expire: 2030-01-01\n");
        CliRun typo = run("image", "--input", "does-not-exist.tar");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(typo.err()).contains(".bulwarkignore.yaml: vulnerabilities[1]").contains("unknown field 'expire'");
    }

    @Test
    void junitHasOneTestcasePerFinding() {
        CliRun result = run("image", "--input", image.toString(), "--scanners", "vuln,secret", "--format", "junit");
        assertThat(result.exitCode()).as(result.err()).isZero();
        long testcases = result.out().lines().filter(l -> l.contains("<testcase ")).count();
        long failures = result.out().lines().filter(l -> l.contains("<failure ")).count();
        assertThat(testcases).isEqualTo(failures).isEqualTo(8);
    }

    @Test
    void dependencyTreeShowsWhoPullsInAVulnerablePackage() {
        CliRun result = run("image", "--input", Corpus.require("images/alpine-3.20.3-app.oci.tar").toString(),
                "--scanners", "vuln", "--pkg-types", "library", "--dependency-tree");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Dependency origin tree (reversed):").containsPattern("qs@6\\.5\\.1\\n +└─ ")
                .doesNotContain("(alpine 3.20.3)\nTotal");
    }
}
