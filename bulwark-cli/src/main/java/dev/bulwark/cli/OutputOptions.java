package dev.bulwark.cli;

import dev.bulwark.core.Severity;
import dev.bulwark.core.UsageException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Report options shared by every scanning command: format, destination, severity filter and the exit-code gate. */
final class OutputOptions {

    /** The report formats; {@code table} is for people, the rest for machines. */
    static final List<String> FORMATS = List.of("table", "json", "sarif", "cyclonedx", "spdx-json", "junit",
            "template");

    @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT", order = 10,
            completionCandidates = FormatCandidates.class,
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", order = 11,
            description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = {"-s", "--severity"}, split = ",", paramLabel = "SEVERITY", order = 12,
            defaultValue = "UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL",
            description = "Report only these severities, comma-separated (default: all).")
    List<Severity> severities;

    @Option(names = "--exit-code", defaultValue = "0", paramLabel = "CODE", order = 13,
            description = "Exit with CODE when findings remain after filtering (default: 0).")
    int exitCode;

    /** The chosen severities as a set. */
    Set<Severity> severitySet() {
        return severities.isEmpty() ? EnumSet.allOf(Severity.class) : EnumSet.copyOf(severities);
    }

    /** Checks values picocli cannot check by type. */
    void validate() {
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format", "unknown format '" + format + "' (expected one of "
                    + String.join(", ", FORMATS) + ")");
        }
        if (exitCode < 0 || exitCode > 255) {
            throw new UsageException("--exit-code", "must be between 0 and 255, got " + exitCode);
        }
    }

    /** True when the report goes to standard output in a machine-readable format, so nothing else may go there. */
    boolean machineReadableOnStdout() {
        return output == null && !format.equals("table");
    }

    static final class FormatCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FORMATS.iterator();
        }
    }
}
