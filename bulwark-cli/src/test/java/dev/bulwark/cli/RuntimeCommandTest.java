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

    private static final String OPEN_BY_CAT = """
            - rule: open_from_cat
              desc: cat opens
              condition: evt.type=open and proc.name=cat
              output: "An open was seen (command=%proc.cmdline)"
              priority: WARNING
              tags: [testing]
            """;

    private static String catWrite() {
        return dev.bulwark.testkit.Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap")
                .toString();
    }

    @Test
    void replayPrintsFalcoAlertLinesAndASummary() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun result = run("runtime", "replay", catWrite(), "-r", "cat.yaml");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).hasSize(8)
                .first().isEqualTo("16:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
        assertThat(result.err()).contains("345 events read").contains("open_from_cat: 8");
    }

    @Test
    void replayWritesJsonAlertsAndJsonCountersAndGatesTheExitCode() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun result = run("runtime", "replay", catWrite(), "-r", "cat.yaml", "--json", "--stats",
                "--exit-code", "9");
        assertThat(result.exitCode()).isEqualTo(9);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : result.out().lines().toList()) {
            assertThat(mapper.readTree(line).path("rule").asText()).isEqualTo("open_from_cat");
        }
        var stats = mapper.readTree(result.err());
        assertThat(stats.path("events").path("read").asLong()).isEqualTo(345);
        assertThat(stats.path("alerts").path("by_rule").path("open_from_cat").asLong()).isEqualTo(8);
    }

    @Test
    void replayHonoursDisabledRulesAndRefusesDisablingWithEnablingTags() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun disabled = run("runtime", "replay", catWrite(), "-r", "cat.yaml", "-D", "open_from");
        assertThat(disabled.exitCode()).isZero();
        assertThat(disabled.out()).isEmpty();
        CliRun both = run("runtime", "replay", catWrite(), "-r", "cat.yaml", "-D", "open", "-t", "testing");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("You can not specify both disabled (-D/-T) and enabled (-t) rules");
    }

    @Test
    void replayOfAFileThatIsNotACaptureExitsThreeNamingIt() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        Files.writeString(dir.resolve("notes.scap"), "not a capture at all");
        CliRun result = run("runtime", "replay", "notes.scap", "-r", "cat.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("notes.scap").contains("not a scap capture");
    }

    private static String auditTrace(String name) {
        return dev.bulwark.testkit.Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/k8s_audit/" + name)
                .toString();
    }

    private static String auditRules() {
        return dev.bulwark.testkit.Corpus.require("falco/rules/k8s_audit_rules.yaml").toString();
    }

    @Test
    void auditRunsLogFilesThroughK8sAuditRulesAndReportsRecordsThatAreNotEvents() {
        CliRun result = run("runtime", "audit", auditTrace("create_nginx_pod_privileged.json"),
                auditTrace("fal_01_003.json"), "-r", auditRules(), "--json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"rule\":\"Create Privileged Pod\"").contains("\"source\":\"k8s_audit\"");
        assertThat(result.err()).contains("fal_01_003.json: line 1: data not recognized as a k8s audit event");
    }

    @Test
    void auditServesTheWebhookForTheGivenDuration() {
        CliRun result = run("runtime", "audit", "--listen", "127.0.0.1:0", "--duration", "1", "-r", auditRules());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("listening for Kubernetes audit events on http://127.0.0.1:")
                .contains("audit webhook: 0 events read");
    }

    @Test
    void auditWithoutInputIsAUsageError() {
        CliRun result = run("runtime", "audit", "-r", auditRules());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--listen");
    }

    @Test
    void replayRateLimitsAlertsIntoAFileAndCountsEveryOutcome() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun result = run("runtime", "replay", catWrite(), "-r", "cat.yaml", "--no-stdout", "--output-file",
                "alerts.txt", "--rate", "1", "--max-burst", "2", "--stats");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("alerts.txt"))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("Warning An open was seen"));
        var stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.err());
        assertThat(stats.path("alerts").path("raised").asLong()).isEqualTo(8);
        assertThat(stats.path("outputs").path("rate_limited").asLong()).isEqualTo(6);
        assertThat(stats.path("outputs").path("delivered").path("file:" + dir.resolve("alerts.txt")).asLong())
                .isEqualTo(2);
    }

    @Test
    void anUnsupportedSyslogTargetIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun result = run("runtime", "replay", catWrite(), "-r", "cat.yaml", "--syslog", "ftp://host:21");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("udp://HOST:PORT");
    }

    @Test
    void watchReportsItsSourcesAndCountersForTheGivenDuration() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        Files.createDirectory(dir.resolve("watched"));
        CliRun result = run("runtime", "watch", "--no-processes", "--watch", "watched", "--duration", "1",
                "-r", "cat.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(result.exitCode() != ExitCodes.INPUT,
                "inotify not permitted here: " + result.err());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("watching with inotify (1 paths)").contains("live sensor: ");
    }

    @Test
    void watchWithNoSourceLeftIsAnInputErrorSayingWhy() throws IOException {
        Files.writeString(dir.resolve("cat.yaml"), OPEN_BY_CAT);
        CliRun result = run("runtime", "watch", "--no-processes", "--no-watch", "--duration", "1", "-r", "cat.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("nothing to watch");
    }
}
