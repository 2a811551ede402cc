package dev.bulwark.cli;

import dev.bulwark.core.InputException;
import dev.bulwark.scan.Gate;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportFilter;
import dev.bulwark.scan.ReportOptions;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.ReportWriters;
import dev.bulwark.scan.Suppressions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The end of every scanning command: filter and suppress the report as the options say, render it in the chosen
 * format to standard output or {@code --output}, print warnings (expired ignore entries) to standard error, and
 * return the exit code of the gate. {@link #prepare} reads and checks everything the options name (format, template,
 * ignore file, VEX documents) before a scan starts, so that a typo fails in a second, not after the scan.
 */
final class ScanReporting {

    private final BulwarkCommand root;
    private final OutputOptions output;
    private final FindingOptions findings;
    private final ReportWriter writer;
    private final ReportFilter filter;

    private ScanReporting(BulwarkCommand root, OutputOptions output, FindingOptions findings, ReportWriter writer,
                          ReportFilter filter) {
        this.root = root;
        this.output = output;
        this.findings = findings;
        this.writer = writer;
        this.filter = filter;
    }

    /** Validates the options and loads the template, ignore file and VEX documents. */
    static ScanReporting prepare(BulwarkCommand root, OutputOptions output, FindingOptions findings,
                                 boolean listAllPackages) {
        output.validate();
        boolean colors = output.output == null && output.format.equals("table")
                && root.environment().outIsTerminal() && root.environment().getenv("NO_COLOR") == null;
        Path template = findings.template == null ? null : root.resolve(findings.template);
        ReportWriter writer = ReportWriters.forFormat(output.format, new ReportOptions(listAllPackages,
                findings.dependencyTree, colors, findings.showSuppressed, template));
        return new ScanReporting(root, output, findings, writer, filter(root, output, findings));
    }

    private static ReportFilter filter(BulwarkCommand root, OutputOptions output, FindingOptions findings) {
        Path ignore = findings.ignoreFile == null ? null : root.resolve(findings.ignoreFile);
        if (ignore == null) {
            for (String name : FindingOptions.DEFAULT_IGNORE_FILES) {
                Path candidate = root.resolve(Path.of(name));
                if (Files.isRegularFile(candidate)) {
                    ignore = candidate;
                    break;
                }
            }
        } else if (!Files.isRegularFile(ignore)) {
            throw new InputException(ignore.toString(), "no such ignore file");
        }
        List<Path> vex = findings.vex.stream().map(root::resolve).toList();
        Suppressions suppressions = Suppressions.load(ignore, vex, LocalDate.now(ZoneOffset.UTC));
        boolean[] kinds = findings.packageKinds();
        return new ReportFilter(output.severitySet(), findings.ignoreUnfixed, findings.ignoredStatuses(), kinds[0],
                kinds[1], suppressions);
    }

    /** Filters, renders and writes {@code report}; returns the gate's exit code. */
    int finish(Report report) {
        Report shown = filter.apply(report);
        for (String warning : shown.warnings()) {
            if (warning.startsWith("ignore entry ")) {
                root.environment().err().println("bulwark: warning: " + warning);
            }
        }
        root.environment().err().flush();
        StringWriter text = new StringWriter();
        try {
            writer.write(shown, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportOutput.write(root, output, text.toString());
        return new Gate(output.exitCode, findings.failOn).evaluate(shown);
    }
}
