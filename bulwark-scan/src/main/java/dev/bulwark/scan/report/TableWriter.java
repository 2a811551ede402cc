package dev.bulwark.scan.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.Package;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.scan.Artifact;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportOptions;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.Result;
import dev.bulwark.scan.Suppressed;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report for people: a header naming the artifact, its distribution and base image; then one section per
 * target with findings, each with a summary line ({@code Total: 3 (CRITICAL: 1, HIGH: 2)}) and a table whose
 * {@code LAYER} column says which layer introduced the finding ({@code 1 base} for a base-image layer). Severities
 * are coloured only when {@link ReportOptions#colors()} (a terminal). {@code --list-all-pkgs} adds every package,
 * {@code --dependency-tree} the packages that pulled in each vulnerable one, {@code --show-suppressed} the
 * suppressed findings with their reasons.
 */
public final class TableWriter implements ReportWriter {

    private static final String RESET = "\u001b[0m";

    private final ReportOptions options;

    public TableWriter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        Artifact artifact = report.artifact();
        text.append(artifact.name());
        if (artifact.os() != null) {
            text.append(" (").append(artifact.os().family()).append(' ').append(artifact.os().versionId()).append(')');
        }
        text.append('\n');
        if (artifact.baseImage() != null) {
            Artifact.BaseImage base = artifact.baseImage();
            text.append("Base image: ").append(base.name()).append(" (")
                    .append(base.layers() == 0 ? "no shared layers known"
                            : base.layers() == 1 ? "layer 1" : "layers 1-" + base.layers())
                    .append(", from ").append(base.source().equals("label") ? "image label" : "--base-image")
                    .append(")\n");
        }
        long total = report.findings().count();
        text.append("Findings: ").append(total).append(summary(report.findings().toList())).append('\n');
        int sections = 0;
        for (Result result : report.results()) {
            List<Finding> findings = result.findings().toList();
            boolean showSuppressed = options.showSuppressed() && !result.suppressed().isEmpty();
            if (findings.isEmpty() && !showSuppressed) {
                continue;
            }
            sections++;
            text.append('\n').append(result.target());
            if (!result.type().isEmpty() && result.kind() != Result.Kind.OS_PACKAGES) {
                text.append(" (").append(result.type()).append(')');
            }
            text.append('\n').append("Total: ").append(findings.size()).append(summary(findings));
            if (!result.suppressed().isEmpty()) {
                text.append(", suppressed: ").append(result.suppressed().size());
            }
            text.append('\n');
            if (!result.vulnerabilities().isEmpty()) {
                vulnerabilities(text, report, result.vulnerabilities());
                if (options.dependencyTree()) {
                    dependencyTree(text, report, result.vulnerabilities());
                }
            }
            if (!result.secrets().isEmpty()) {
                secrets(text, report, result.secrets());
            }
            if (!result.misconfigurations().isEmpty()) {
                misconfigurations(text, report, result.misconfigurations());
            }
            if (showSuppressed) {
                suppressed(text, result.suppressed());
            }
        }
        if (sections == 0 && total == 0) {
            text.append("\nNo findings.\n");
        }
        if (options.listAllPackages()) {
            packages(text, report);
        }
        if (!report.warnings().isEmpty()) {
            text.append('\n').append("Warnings: ").append(report.warnings().size()).append('\n');
            report.warnings().forEach(w -> text.append("  ").append(w).append('\n'));
        }
        out.write(text.toString());
    }

    /** {@code  (CRITICAL: 1, HIGH: 2)}, most severe first, or empty. */
    static String summary(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        if (counts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            if (counts.containsKey(s)) {
                parts.add(s.name() + ": " + counts.get(s));
            }
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private void vulnerabilities(StringBuilder text, Report report, List<VulnerabilityFinding> vulns) {
        Table table = new Table(layered(report), "SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "LAYER",
                "TITLE");
        for (VulnerabilityFinding v : vulns) {
            table.row(v.severity(), v.id() + (v.knownExploited() ? " (KEV)" : ""), v.pkg().name(),
                    v.pkg().version(), String.join(", ", v.fixedVersions()), v.status().label(), layer(report, v),
                    v.title().isEmpty() ? firstLine(v.description()) : v.title());
        }
        table.render(text, options.colors());
    }

    private void secrets(StringBuilder text, Report report, List<SecretFinding> secrets) {
        Table table = new Table(layered(report), "SEVERITY", "RULE", "LINE", "LAYER", "MATCH");
        for (SecretFinding s : secrets) {
            String layer = layer(report, s) + (s.inFinalImage() ? "" : " (deleted later)");
            table.row(s.severity(), s.ruleId(), s.startLine() > 0 ? String.valueOf(s.startLine()) : "-", layer,
                    s.redactedLine().isEmpty() ? s.redactedMatch() : s.redactedLine().strip());
        }
        table.render(text, options.colors());
    }

    private void misconfigurations(StringBuilder text, Report report, List<Misconfiguration> misconfigs) {
        Table table = new Table(layered(report), "SEVERITY", "ID", "LINE", "LAYER", "MESSAGE");
        for (Misconfiguration m : misconfigs) {
            table.row(m.severity(), m.checkId(), m.startLine() > 0 ? String.valueOf(m.startLine()) : "-",
                    layer(report, m), m.message() == null || m.message().isEmpty() ? m.title() : m.message());
        }
        table.render(text, options.colors());
    }

    private void suppressed(StringBuilder text, List<Suppressed> suppressed) {
        text.append("  Suppressed:\n");
        Table table = new Table(true, "SEVERITY", "ID", "WHERE", "BY", "STATEMENT", "REASON");
        for (Suppressed s : suppressed) {
            String where = s.finding() instanceof VulnerabilityFinding v ? v.pkg().name() + " " + v.pkg().version()
                    : s.finding().location().path();
            String statement = s.statement() + (s.justification().isEmpty() ? "" : " (" + s.justification() + ")");
            table.row(s.finding().severity(), s.finding().id(), where, s.source(), statement, s.reason());
        }
        table.render(text, options.colors());
    }

    /**
     * For each vulnerable package, the chain of packages that depend on it, up to the roots, indented: which
     * direct dependency to upgrade.
     */
    private static void dependencyTree(StringBuilder text, Report report, List<VulnerabilityFinding> vulns) {
        Map<String, List<String>> parents = new HashMap<>();
        for (Relationship r : report.relationships()) {
            if (r.type() == Relationship.Type.DEPENDS_ON) {
                parents.computeIfAbsent(r.child(), k -> new ArrayList<>()).add(r.parent());
            }
        }
        Map<String, String> names = new HashMap<>();
        report.packages().forEach(p -> names.put(Inventory.key(p), p.name() + "@" + p.version()));
        Set<String> done = new HashSet<>();
        text.append("  Dependency origin tree (reversed):\n");
        for (VulnerabilityFinding v : vulns) {
            String key = Inventory.key(v.pkg());
            if (done.add(key)) {
                printAncestors(text, key, names, parents, 2, new HashSet<>());
            }
        }
    }

    private static void printAncestors(StringBuilder text, String key, Map<String, String> names,
                                       Map<String, List<String>> parents, int depth, Set<String> path) {
        text.append("  ".repeat(depth)).append(depth > 2 ? "└─ " : "").append(names.getOrDefault(key, key))
                .append('\n');
        if (!path.add(key) || depth > 12) {
            return;
        }
        for (String parent : parents.getOrDefault(key, List.of())) {
            printAncestors(text, parent, names, parents, depth + 1, path);
        }
        path.remove(key);
    }

    private static void packages(StringBuilder text, Report report) {
        List<Package> packages = report.packages();
        Map<String, Integer> counts = new TreeMap<>();
        packages.forEach(p -> counts.merge(p.type().purlType(), 1, Integer::sum));
        text.append('\n').append("Packages: ").append(packages.size());
        if (!counts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            counts.forEach((type, n) -> parts.add(type + " " + n));
            text.append(" (").append(String.join(", ", parts)).append(')');
        }
        text.append("\n\n");
        Table table = new Table(true, "TYPE", "NAME", "VERSION", "LAYER", "PATH");
        for (Package p : packages) {
            table.row(null, p.type().purlType(), p.name(), p.version(),
                    p.layer() == null ? "-" : String.valueOf(p.layer().index() + 1), p.path() == null ? "" : p.path());
        }
        table.render(text, false);
    }

    /** Whether tables have a {@code LAYER} column: only images have layers. */
    private static boolean layered(Report report) {
        return !report.artifact().layers().isEmpty();
    }

    /** The 1-based layer number (as {@code docker history} counts), {@code base} for base-image layers. */
    private static String layer(Report report, Finding finding) {
        return report.layerOf(finding).map(l -> (l.index() + 1) + (l.baseImage() ? " base" : "")).orElse("-");
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    /**
     * A plain text table: columns padded to their widest cell; the first column may hold a coloured severity. A
     * {@code LAYER} column is left out when the artifact has no layers.
     */
    private static final class Table {
        private final String[] header;
        private final int dropped;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Severity> severities = new ArrayList<>();

        Table(boolean withLayer, String... header) {
            this.dropped = withLayer ? -1 : java.util.Arrays.asList(header).indexOf("LAYER");
            this.header = without(header);
        }

        private String[] without(String[] cells) {
            if (dropped < 0) {
                return cells;
            }
            String[] out = new String[cells.length - 1];
            System.arraycopy(cells, 0, out, 0, dropped);
            System.arraycopy(cells, dropped + 1, out, dropped, cells.length - dropped - 1);
            return out;
        }

        void row(Severity severity, String... cells) {
            if (severity != null) {
                String[] all = new String[cells.length + 1];
                all[0] = severity.name();
                System.arraycopy(cells, 0, all, 1, cells.length);
                rows.add(without(all));
            } else {
                rows.add(without(cells));
            }
            severities.add(severity);
        }

        void render(StringBuilder text, boolean colors) {
            int[] widths = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                widths[i] = header[i].length();
            }
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
                }
            }
            line(text, header, widths, null, false);
            for (int r = 0; r < rows.size(); r++) {
                line(text, rows.get(r), widths, severities.get(r), colors);
            }
        }

        private static void line(StringBuilder text, String[] cells, int[] widths, Severity severity,
                                 boolean colors) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i] == null ? "" : cells[i];
                boolean last = i == cells.length - 1;
                String padded = last ? cell : cell + " ".repeat(widths[i] - cell.length());
                if (i == 0 && severity != null && colors) {
                    line.append(color(severity)).append(cell).append(RESET)
                            .append(" ".repeat(widths[i] - cell.length()));
                } else {
                    line.append(padded);
                }
                if (!last) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }

        private static String color(Severity severity) {
            return switch (severity) {
                case CRITICAL -> "\u001b[1;31m";
                case HIGH -> "\u001b[31m";
                case MEDIUM -> "\u001b[33m";
                case LOW -> "\u001b[34m";
                case UNKNOWN -> "\u001b[37m";
            };
        }
    }
}
