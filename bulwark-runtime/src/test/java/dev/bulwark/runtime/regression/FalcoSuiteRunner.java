package dev.bulwark.runtime.regression;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.AuditReplay;
import dev.bulwark.runtime.CaptureReplay;
import dev.bulwark.runtime.Diagnostic;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.Priority;
import dev.bulwark.runtime.RuleSelection;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.RuntimeStats;
import dev.bulwark.runtime.rules.CompiledRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs one case of Falco's regression suite the way {@code falco_test.py} does: the case's rule files, options
 * ({@code priority}, {@code -D}, {@code -T}, {@code -t}, {@code -A}, JSON and time switches from the case or its
 * Falco config file), its trace; then the case's expectations: detection or none, {@code detect_level},
 * {@code detect_counts} per rule, rule warnings and inferred event types, expected output text, or the expected
 * load/usage error. A case needing what the corpus or Bulwark does not have is skipped with the reason.
 */
final class FalcoSuiteRunner {

    enum Status { PASS, FAIL, SKIP }

    record Outcome(FalcoCase testCase, Status status, String detail) {
        @Override
        public String toString() {
            return status + " " + testCase.suite() + " " + testCase.name() + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** The Falco configuration keys a case may set, from its {@code conf_file} and its own keys. */
    private record Config(boolean json, boolean includeOutput, boolean includeTags, boolean isoTime,
                          Priority priority, String unsupported) {
    }

    Outcome run(FalcoCase c) {
        if (c.has("validate_rules_file")) {
            return new Outcome(c, Status.SKIP, "validate_rules_file case (run by FalcoValidateRulesTest)");
        }
        String skip = skipReason(c);
        if (skip != null) {
            return new Outcome(c, Status.SKIP, skip);
        }
        Config config = config(c);
        if (config.unsupported() != null) {
            return new Outcome(c, Status.SKIP, config.unsupported());
        }
        int expectedExit = c.has("exit_status") ? ((Number) c.get("exit_status")).intValue() : 0;
        RuleSet ruleSet;
        RuntimeStats stats;
        List<Alert> alerts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            RuleSelection selection = new RuleSelection(config.priority(), c.strings("disabled_rules"),
                    Set.copyOf(c.strings("disable_tags")), Set.copyOf(c.strings("run_tags")));
            EngineOptions options = EngineOptions.DEFAULTS.withSelection(selection).withAllEvents(c.flag("all_events"))
                    .withIsoTime(config.isoTime());
            ruleSet = RuleSet.load(c.rulesFiles());
            AlertSink sink = alerts::add;
            Path auditLog = auditLog(c);
            stats = auditLog != null ? AuditReplay.run(auditLog, ruleSet, options, sink, problems::add)
                    : CaptureReplay.run(c.path(String.valueOf(c.get("trace_file"))), ruleSet, options, sink);
        } catch (BulwarkException e) {
            if (expectedExit == 0) {
                return new Outcome(c, Status.FAIL, "unexpected error: " + e.getMessage());
            }
            return expectedError(c, e.getMessage());
        }
        if (expectedExit != 0) {
            return new Outcome(c, Status.FAIL, "ran without error; Falco exits " + expectedExit + " with "
                    + c.get("stderr_contains"));
        }
        List<String> failures = new ArrayList<>();
        checkDetections(c, alerts, stats, failures);
        if (auditLog(c) != null && c.has("stderr_contains")) {
            String expected = String.valueOf(c.get("stderr_contains"));
            if (problems.stream().noneMatch(p -> matches(expected, p))) {
                failures.add("expected a problem report matching '" + expected + "', got " + problems);
            }
        }
        checkWarnings(c, ruleSet, failures);
        checkEventTypes(c, ruleSet, failures);
        checkStdout(c, config, alerts, failures);
        return failures.isEmpty() ? new Outcome(c, Status.PASS, summary(stats))
                : new Outcome(c, Status.FAIL, String.join("; ", failures));
    }

    private static String summary(RuntimeStats stats) {
        return stats.alerts() + " alerts " + stats.alertsByRule();
    }

    /** The audit log a k8s audit case feeds the k8saudit plugin ({@code -o plugins[0].open_params=FILE}). */
    private static Path auditLog(FalcoCase c) {
        for (String opt : c.strings("addl_cmdline_opts")) {
            java.util.regex.Matcher m = Pattern.compile("open_params=(\\S+)").matcher(opt);
            if (m.find()) {
                return c.path(m.group(1));
            }
        }
        return null;
    }

    private static String skipReason(FalcoCase c) {
        Path auditLog = auditLog(c);
        if (auditLog != null && !Files.exists(auditLog)) {
            return "audit log " + auditLog + " is not in the corpus";
        }
        if (c.has("trace_file")) {
            Path trace = c.path(String.valueOf(c.get("trace_file")));
            if (!Files.exists(trace)) {
                return "trace " + c.get("trace_file") + " is not in the corpus (Falco downloads it from "
                        + "download.falco.org)";
            }
        }
        if (c.has("grpc")) {
            return "checks Falco's gRPC output API, which Bulwark does not implement";
        }
        if (c.has("output_strictly_contains")) {
            Object v = c.get("output_strictly_contains");
            for (Object item : (List<?>) v) {
                for (Object expected : ((Map<?, ?>) item).values()) {
                    if (!Files.exists(c.path(String.valueOf(expected)))) {
                        return "expected output " + expected + " is not in the corpus";
                    }
                }
            }
        }
        for (Path rules : c.rulesFiles()) {
            if (!Files.exists(rules)) {
                return "rules file " + rules + " is not in the corpus";
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Config config(FalcoCase c) {
        Map<String, Object> conf = Map.of();
        String unsupported = null;
        if (c.has("conf_file")) {
            Path file = c.path(String.valueOf(c.get("conf_file")));
            try {
                Object loaded = new Yaml().load(Files.readString(file));
                conf = loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (conf.containsKey("syscall_event_drops") && auditLog(c) == null) {
                unsupported = "configures Falco's kernel event-drop monitor (syscall_event_drops with simulate_drops),"
                        + " which has no equivalent when replaying a file";
            }
            for (String output : List.of("program_output", "grpc_output")) {
                if (conf.get(output) instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("enabled"))) {
                    unsupported = "uses Falco's " + output + ", which Bulwark does not implement";
                }
            }
        }
        boolean json = c.flag("json_output") || Boolean.TRUE.equals(conf.get("json_output"));
        boolean includeOutput = !Boolean.FALSE.equals(c.get("json_include_output_property"))
                && !Boolean.FALSE.equals(conf.get("json_include_output_property"));
        boolean includeTags = !Boolean.FALSE.equals(c.get("json_include_tags_property"))
                && !Boolean.FALSE.equals(conf.get("json_include_tags_property"));
        boolean iso = c.flag("time_iso_8601") || Boolean.TRUE.equals(conf.get("time_format_iso_8601"));
        Object priority = c.has("priority") ? c.get("priority") : conf.get("priority");
        return new Config(json, includeOutput, includeTags, iso,
                priority == null ? null : Priority.parse(String.valueOf(priority)), unsupported);
    }

    /** The case expects Falco to stop with an error: ours must name the same problem. */
    private static Outcome expectedError(FalcoCase c, String message) {
        String expected = String.valueOf(c.get("stderr_contains"));
        String problem = problem(expected);
        if (matches(problem, message)) {
            return new Outcome(c, Status.PASS, "error: " + message);
        }
        return new Outcome(c, Status.FAIL, "expected an error matching '" + problem + "', got: " + message);
    }

    /** The part of Falco's expected stderr that names the problem (no file names, no "Exiting."). */
    static String problem(String stderr) {
        String p = stderr;
        int errors = p.indexOf("errors:\n");
        if (errors >= 0) {
            p = p.substring(errors + "errors:\n".length());
            int nl = p.indexOf('\n');
            p = nl < 0 ? p : p.substring(0, nl);
            p = p.replaceFirst("^(Rule|Macro|List) .*?: error ", "");
        }
        p = p.replaceFirst("^Runtime error: ", "").replaceFirst("\\.?\\s*Exiting\\.?$", "");
        return p;
    }

    private static boolean matches(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return text.contains(regex);
        }
    }

    private static void checkDetections(FalcoCase c, List<Alert> alerts, RuntimeStats stats, List<String> problems) {
        boolean detect = c.flag("detect");
        if (!detect && !alerts.isEmpty()) {
            problems.add("expected no alerts, got " + alerts.size() + " " + stats.alertsByRule());
        }
        if (detect) {
            if (alerts.isEmpty()) {
                problems.add("expected alerts, got none");
            }
            for (String level : c.strings("detect_level")) {
                Priority p = Priority.parse(level);
                long n = alerts.stream().filter(a -> a.priority() == p).count();
                if (n == 0) {
                    problems.add("expected alerts at " + level + ", got none " + stats.alertsByPriority());
                }
            }
        }
        for (Map.Entry<String, Integer> expected : c.detectCounts().entrySet()) {
            long actual = stats.alertsOf(expected.getKey());
            if (actual != expected.getValue()) {
                problems.add("rule '" + expected.getKey() + "': expected " + expected.getValue() + " alerts, got "
                        + actual);
            }
        }
    }

    /** {@code rules_warning}: the rules Falco warns about (no event type restriction); {@code False}: none. */
    private static void checkWarnings(FalcoCase c, RuleSet ruleSet, List<String> problems) {
        if (!c.has("rules_warning")) {
            return;
        }
        Set<String> expected = new TreeSet<>(c.strings("rules_warning"));
        Set<String> actual = new TreeSet<>();
        for (Diagnostic d : ruleSet.warnings()) {
            if (d.itemType().equals("rule")) {
                actual.add(d.itemName());
            }
        }
        if (!expected.equals(actual)) {
            problems.add("rule warnings: expected " + expected + ", got " + actual);
        }
    }

    /** {@code rules_events}: the event types inferred for each rule ({@code all} = no restriction). */
    private static void checkEventTypes(FalcoCase c, RuleSet ruleSet, List<String> problems) {
        Object v = c.get("rules_events");
        if (!(v instanceof List<?> list)) {
            return;
        }
        Map<String, CompiledRule<Object>> byName = new java.util.HashMap<>();
        for (CompiledRule<Object> rule : ruleSet.compiled("syscall")) {
            byName.put(rule.rule().name(), rule);
        }
        for (Object item : list) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) item).entrySet()) {
                String rule = String.valueOf(e.getKey());
                Set<String> expected = new TreeSet<>();
                for (Object t : (List<?>) e.getValue()) {
                    expected.add(String.valueOf(t));
                }
                if (expected.equals(Set.of("all")) && !c.strings("rules_warning").contains(rule)) {
                    // Falco 0.32 warns about every rule it cannot restrict to event types; an expectation of "all"
                    // for a rule missing from rules_warning is left over from the Lua engine (0.32's harness no
                    // longer sees these lines): the two expectations contradict, so the warning one is checked.
                    continue;
                }
                CompiledRule<Object> compiled = byName.get(rule);
                if (compiled == null) {
                    problems.add("rule '" + rule + "' not loaded");
                    continue;
                }
                Set<String> actual = compiled.eventTypes().isFinite()
                        ? new TreeSet<>(compiled.eventTypes().names()) : new TreeSet<>(Set.of("all"));
                if (!expected.equals(actual)) {
                    problems.add("rule '" + rule + "' event types: expected " + expected + ", got " + actual);
                }
            }
        }
    }

    /** {@code stdout_contains}: a regular expression Falco's output must contain (in text or JSON form). */
    private static void checkStdout(FalcoCase c, Config config, List<Alert> alerts, List<String> problems) {
        if (!c.has("stdout_contains")) {
            return;
        }
        AlertFormat format = new AlertFormat(config.json(), config.includeOutput(), config.includeTags());
        List<String> lines = alerts.stream().map(format::format).toList();
        Set<String> missing = new HashSet<>();
        for (String regex : c.strings("stdout_contains")) {
            Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
            if (!p.matcher(String.join("\n", lines)).find()) {
                missing.add(regex);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("output does not contain " + missing + "; first line: "
                    + (lines.isEmpty() ? "(none)" : lines.getFirst()));
        }
    }
}
