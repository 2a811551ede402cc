package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(dir, Map.of("HOME", dir.toString()), args);
    }

    @BeforeEach
    void writeInputs() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), """
                FROM node:latest
                RUN npm install express
                USER root
                """);
    }

    @Test
    void tableGroupsFindingsByFileWithSeverityIdLineAndMessage() {
        CliRun result = run("config", "app");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("app/Dockerfile (dockerfile, ")
                .containsPattern("HIGH +BW-DS-010 +3 +- +Image runs as root: the final stage runs as 'root'")
                .containsPattern("MEDIUM +BW-DS-001 +1 ")
                .containsPattern("\\d+ findings \\(HIGH: \\d+, MEDIUM: \\d+, LOW: \\d+\\) in 1 file; \\d+ checks passed");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void jsonListsFilesFindingsAndErrors() throws Exception {
        CliRun result = run("config", "--format", "json", "app/Dockerfile", "missing.yaml");

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("files").get(0).get("path").asText()).isEqualTo("app/Dockerfile");
        assertThat(json.get("findings")).anySatisfy(f -> {
            assertThat(f.get("id").asText()).isEqualTo("BW-DS-054");
            assertThat(f.get("startLine").asInt()).isEqualTo(2);
            assertThat(f.get("aliases").toString()).contains("DL3016");
        });
        assertThat(json.get("errors").get(0).get("path").asText()).isEqualTo("missing.yaml");
        assertThat(result.err()).isEqualTo("bulwark: missing.yaml: cannot read: no such file\n");
    }

    @Test
    void severityFilterAndExitCodeGate() {
        CliRun high = run("config", "--severity", "HIGH,CRITICAL", "--exit-code", "7", "app");
        assertThat(high.exitCode()).isEqualTo(7);
        assertThat(high.out()).contains("BW-DS-010").doesNotContain("BW-DS-001");

        CliRun critical = run("config", "--severity", "CRITICAL", "--exit-code", "7", "app");
        assertThat(critical.exitCode()).isZero();
        assertThat(critical.out()).contains("0 findings");
    }

    @Test
    void skipChecksTakesPeerIds() {
        CliRun result = run("config", "--skip-checks", "DL3002,BW-DS-001", "app");
        assertThat(result.out()).doesNotContain("BW-DS-010").doesNotContain("BW-DS-001 ");
    }

    @Test
    void exitsThreeOnlyWhenNothingCouldBeRead() {
        CliRun nothing = run("config", "nope/Dockerfile");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(nothing.err()).contains("bulwark: nope/Dockerfile: cannot read: no such file")
                .contains("bulwark: bulwark config: no input could be read");
        assertThat(nothing.out()).isEmpty();
    }

    @Test
    void writesTheReportToOutputFile() throws Exception {
        CliRun result = run("config", "--format", "json", "--output", "report.json", "app");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"BW-DS-010\"");
    }

    @Test
    void compliancePrintsWhichResourcesMeetTheProfile() throws Exception {
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/pods.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: open, namespace: apps}
                spec: {hostNetwork: true, containers: [{name: c, image: "x:1"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: locked, namespace: apps}
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: c
                      image: x:1
                      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                """);

        CliRun table = run("config", "--compliance", "pss-baseline", "k8s");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("BW-PSS-002").doesNotContain("BW-K8S-")
                .contains("pss-baseline: 1 of 2 resources comply")
                .contains("FAIL  Pod/apps/open (k8s/pods.yaml): BW-PSS-002");

        CliRun json = run("config", "--compliance", "pss-restricted", "--format", "json", "k8s");
        JsonNode resources = new ObjectMapper().readTree(json.out()).get("compliance").get("resources");
        assertThat(resources).hasSize(2);
        assertThat(resources.get(1).get("resource").asText()).isEqualTo("Pod/apps/locked");
        assertThat(resources.get(1).get("compliant").asBoolean()).isTrue();
        assertThat(resources.get(0).get("failedChecks").toString()).contains("BW-PSS-002", "BW-PSS-017");
    }

    @Test
    void rejectsFormatsItCannotRenderYetAndUnknownProfiles() {
        CliRun sarif = run("config", "--format", "sarif", "app");
        assertThat(sarif.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sarif.err()).contains("--format").contains("use table or json");

        CliRun profile = run("config", "--compliance", "cis", "app");
        assertThat(profile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(profile.err()).contains("unknown compliance profile 'cis'");
    }
}
