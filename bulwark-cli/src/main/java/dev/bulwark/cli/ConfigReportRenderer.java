package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.FileError;
import dev.bulwark.config.FileSummary;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal table and JSON rendering of a configuration report, kept apart from the command so that it can move to the
 * report module when that lands.
 */
final class ConfigReportRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigReportRenderer() {
    }

    /**
     * The compliance verdict of one resource.
     *
     * @param path its file
     * @param resource {@code Kind/namespace/name}
     * @param failedChecks the profile's checks it fails (empty when it complies)
     */
    record ResourceVerdict(String path, String resource, List<String> failedChecks) {
    }

    /** Per Kubernetes resource: does it pass every check that ran (the checks of the compliance profile)? */
    static List<ResourceVerdict> compliance(ConfigReport report) {
        Map<String, ResourceVerdict> verdicts = new LinkedHashMap<>();
        for (var outcome : report.outcomes()) {
            if (outcome.resource().isEmpty()) {
                continue;
            }
            ResourceVerdict verdict = verdicts.computeIfAbsent(outcome.location().path() + "|" + outcome.resource(),
                    k -> new ResourceVerdict(outcome.location().path(), outcome.resource(), new ArrayList<>()));
            if (!outcome.passed()) {
                verdict.failedChecks().add(outcome.checkId());
            }
        }
        return List.copyOf(verdicts.values());
    }

    /** A compliance summary: how many resources meet the profile, and which checks the others fail. */
    static String complianceTable(String profile, ConfigReport report) {
        List<ResourceVerdict> verdicts = compliance(report);
        long compliant = verdicts.stream().filter(v -> v.failedChecks().isEmpty()).count();
        StringBuilder out = new StringBuilder();
        out.append('\n').append(profile).append(": ").append(compliant).append(" of ").append(verdicts.size())
                .append(verdicts.size() == 1 ? " resource complies" : " resources comply").append('\n');
        for (ResourceVerdict verdict : verdicts) {
            if (!verdict.failedChecks().isEmpty()) {
                out.append("  FAIL  ").append(verdict.resource()).append(" (").append(verdict.path()).append("): ")
                        .append(String.join(", ", verdict.failedChecks())).append('\n');
            }
        }
        return out.toString();
    }

    /** Findings grouped by file, most severe first, then a summary line. */
    static String table(ConfigReport report, List<Misconfiguration> findings) {
        Map<String, List<Misconfiguration>> byFile = new LinkedHashMap<>();
        for (Misconfiguration finding : findings) {
            byFile.computeIfAbsent(finding.location().path(), k -> new ArrayList<>()).add(finding);
        }
        StringBuilder out = new StringBuilder();
        for (FileSummary file : report.files()) {
            List<Misconfiguration> fileFindings = byFile.getOrDefault(file.location().path(), List.of());
            out.append(file.location().path()).append(" (").append(file.type().label()).append(", ")
                    .append(file.passed()).append(" passed, ").append(file.failed()).append(" failed)\n");
            if (fileFindings.isEmpty()) {
                continue;
            }
            List<Misconfiguration> sorted = new ArrayList<>(fileFindings);
            sorted.sort(Comparator.comparing(Misconfiguration::severity).reversed()
                    .thenComparingInt(Misconfiguration::startLine).thenComparing(Misconfiguration::checkId));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SEVERITY", "ID", "LINE", "RESOURCE", "MESSAGE"});
            for (Misconfiguration finding : sorted) {
                rows.add(new String[] {finding.severity().name(), finding.checkId(), lines(finding),
                        finding.resource().isEmpty() ? "-" : finding.resource(),
                        finding.title() + ": " + finding.message()});
            }
            appendRows(out, rows);
            byFile.remove(file.location().path());
        }
        out.append('\n').append(summary(report, findings)).append('\n');
        return out.toString();
    }

    private static String lines(Misconfiguration finding) {
        if (finding.startLine() <= 0) {
            return "-";
        }
        return finding.endLine() > finding.startLine() ? finding.startLine() + "-" + finding.endLine()
                : Integer.toString(finding.startLine());
    }

    private static void appendRows(StringBuilder out, List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.append("  ");
            for (int i = 0; i < columns; i++) {
                out.append(row[i]);
                if (i < columns - 1) {
                    out.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append('\n');
        }
    }

    private static String summary(ConfigReport report, List<Misconfiguration> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Misconfiguration finding : findings) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder();
        line.append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
        if (!counts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW,
                    Severity.UNKNOWN)) {
                if (counts.containsKey(severity)) {
                    parts.add(severity.name() + ": " + counts.get(severity));
                }
            }
            line.append(" (").append(String.join(", ", parts)).append(')');
        }
        line.append(" in ").append(report.files().size()).append(report.files().size() == 1 ? " file" : " files");
        line.append("; ").append(report.passed()).append(" checks passed");
        if (!report.errors().isEmpty()) {
            line.append("; ").append(report.errors().size())
                    .append(report.errors().size() == 1 ? " input error" : " input errors");
        }
        return line.toString();
    }

    /** Every check: id, severity, input, title and the equivalent ids of other tools. */
    static String checksTable(List<CheckDescriptor> checks) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "SEVERITY", "INPUT", "TITLE", "ALSO KNOWN AS"});
        for (CheckDescriptor check : checks) {
            rows.add(new String[] {check.id(), check.severity().name(), check.target().label(), check.title(),
                    String.join(", ", check.aliases())});
        }
        StringBuilder out = new StringBuilder();
        appendRows(out, rows);
        out.append('\n').append(checks.size()).append(" checks\n");
        return out.toString();
    }

    static String checksJson(List<CheckDescriptor> checks) {
        ArrayNode array = JSON.createArrayNode();
        for (CheckDescriptor check : checks) {
            ObjectNode node = array.addObject().put("id", check.id()).put("severity", check.severity().name())
                    .put("input", check.target().label()).put("title", check.title())
                    .put("rationale", check.rationale()).put("resolution", check.resolution());
            check.aliases().forEach(node.putArray("aliases")::add);
            check.tags().stream().sorted().forEach(node.putArray("tags")::add);
            check.references().forEach(node.putArray("references")::add);
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static String json(ConfigReport report, List<Misconfiguration> findings) {
        return json(report, findings, null);
    }

    /** The report as JSON; with a compliance profile, also each resource's verdict under {@code compliance}. */
    static String json(ConfigReport report, List<Misconfiguration> findings, String profile) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (FileSummary file : report.files()) {
            files.addObject().put("path", file.location().path()).put("type", file.type().label())
                    .put("passed", file.passed()).put("failed", file.failed());
        }
        ArrayNode array = root.putArray("findings");
        for (Misconfiguration finding : findings) {
            ObjectNode node = array.addObject();
            node.put("id", finding.checkId());
            finding.aliases().forEach(node.putArray("aliases")::add);
            node.put("title", finding.title());
            node.put("severity", finding.severity().name());
            node.put("path", finding.location().path());
            node.put("startLine", finding.startLine());
            node.put("endLine", finding.endLine());
            node.put("resource", finding.resource());
            node.put("message", finding.message());
            node.put("resolution", finding.resolution());
            finding.references().forEach(node.putArray("references")::add);
        }
        if (profile != null) {
            ObjectNode compliance = root.putObject("compliance").put("profile", profile);
            ArrayNode resources = compliance.putArray("resources");
            for (ResourceVerdict verdict : compliance(report)) {
                ObjectNode node = resources.addObject().put("path", verdict.path())
                        .put("resource", verdict.resource()).put("compliant", verdict.failedChecks().isEmpty());
                verdict.failedChecks().forEach(node.putArray("failedChecks")::add);
            }
        }
        ArrayNode errors = root.putArray("errors");
        for (FileError error : report.errors()) {
            errors.addObject().put("path", error.location().path()).put("message", error.message());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
