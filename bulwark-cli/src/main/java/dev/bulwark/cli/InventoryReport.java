package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.ReportWriters;
import dev.bulwark.scan.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Renders a scan's package inventory in the chosen {@code --format} and sends it where {@code --output} says. The
 * formats of this build: {@code table} (package list), {@code cyclonedx}, {@code spdx-json}; the others arrive with
 * the vulnerability report.
 */
final class InventoryReport {

    private InventoryReport() {
    }

    /** The writer for the chosen format; a usage error for formats this build cannot write yet. */
    static ReportWriter writer(OutputOptions output) {
        return ReportWriters.forFormat(output.format, VersionInfo.bulwarkVersion(), Instant.now())
                .orElseThrow(() -> new UsageException("--format", "'" + output.format + "' is not available in "
                        + "this build yet (available: table, cyclonedx, spdx-json)"));
    }

    static void write(BulwarkCommand root, OutputOptions output, ReportWriter writer, ScanResult result) {
        StringWriter text = new StringWriter();
        try {
            writer.write(result, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportOutput.write(root, output, text.toString());
    }
}
