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
    void policyFilesAddChecksAndBrokenOnesExitThree() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                policies:
                  - id: ACME-010
                    title: Only node:22 base images
                    severity: HIGH
                    match: {fileTypes: [dockerfile]}
                    expression: "object.stages.all(s, s.image.startsWith('node:22'))"
                    message: a stage uses another base image
                """);
        Files.writeString(dir.resolve("broken.yaml"), "policies:\n  - {id: X, title: t, severity: LOW, "
                + "expression: 'object.'}\n");

        CliRun result = run("config", "--policy", "policy.yaml", "app");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("HIGH +ACME-010 +1-3 +- +Only node:22 base images: a stage uses");

        CliRun broken = run("config", "--policy", "broken.yaml", "app");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(broken.err()).contains("broken.yaml: policy X: invalid CEL");

        CliRun list = run("config", "--list-checks", "--policy", "policy.yaml");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("BW-PSS-005 +HIGH +kubernetes +Container is privileged +KSV-0017")
                .containsPattern("ACME-010 +HIGH +dockerfile");
    }

    @Test
    void showPolicyPrintsABuiltInCheckThatWorksAsAPolicyFileOnceRenamed() throws Exception {
        CliRun shown = run("config", "--show-policy", "BW-PSS-003");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("policies:\n  - id: BW-PSS-003\n").contains("hostPID");
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/host-pid.yaml"), shown.out().replace("BW-PSS-003", "ACME-PID"));
        Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                + "spec: {hostPID: true, containers: [{name: c, image: \"x:1\"}]}\n");

        CliRun scan = run("config", "--policy", "policies", "pod.yaml");
        assertThat(scan.exitCode()).isZero();
        assertThat(scan.out()).containsPattern("HIGH +ACME-PID +1-4 +Pod/default/p +Pod shares the host process ID")
                .containsPattern("HIGH +BW-PSS-003 ");

        CliRun java = run("config", "--show-policy", "BW-DS-010");
        assertThat(java.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(java.err()).contains("'BW-DS-010' is not a built-in CEL policy");

        Files.writeString(dir.resolve("policies/broken.yaml"), "policies:\n  - id: ACME-X\n\ttitle: t\n");
        CliRun broken = run("config", "--policy", "policies", "pod.yaml");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(broken.err()).contains("broken.yaml: line 3: invalid YAML");
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
