package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends a rendered report to standard output or to the {@code --output} file. */
final class ReportOutput {

    private ReportOutput() {
    }

    static void write(BulwarkCommand root, OutputOptions output, String report) {
        if (output.output == null) {
            PrintWriter out = root.environment().out();
            out.print(report);
            out.flush();
            return;
        }
        Path file = root.resolve(output.output);
        try {
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--output", "cannot write " + file + ": " + e.getMessage());
        }
    }
}
