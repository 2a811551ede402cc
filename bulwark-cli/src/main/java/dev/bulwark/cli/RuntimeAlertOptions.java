package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.RuntimeStats;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the runtime commands send alerts and counters. */
final class RuntimeAlertOptions {

    @Option(names = "--json", order = 20, description = "Print alerts as Falco JSON, one object per line.")
    boolean json;

    @Option(names = "--stats", order = 30,
            description = "Print the run's counters (events read/evaluated/skipped/dropped, alerts by rule and "
                    + "priority) as JSON on standard error at the end.")
    boolean stats;

    @Option(names = "--exit-code", defaultValue = "0", paramLabel = "CODE", order = 31,
            description = "Exit with CODE when a rule fired (default: 0).")
    int exitCode;

    void validate() {
        if (exitCode < 0 || exitCode > 255) {
            throw new UsageException("--exit-code", "must be between 0 and 255, got " + exitCode);
        }
    }

    /** The outputs of one command run; closing flushes them. */
    final class Outputs implements AutoCloseable {
        private final BulwarkCommand root;
        private final AlertSink sink;

        private Outputs(BulwarkCommand root, AlertSink sink) {
            this.root = root;
            this.sink = sink;
        }

        AlertSink sink() {
            return sink;
        }

        /** Prints the counters of one input on standard error: a summary, or JSON with {@code --stats}. */
        void report(String input, RuntimeStats run) {
            PrintWriter err = root.environment().err();
            if (stats) {
                err.println(run.toJson(Map.of("input", input)));
            } else if (!root.quiet()) {
                err.println(summary(input, run));
            }
            err.flush();
        }

        @Override
        public void close() {
            sink.close();
            root.environment().out().flush();
        }
    }

    Outputs open(BulwarkCommand root) {
        AlertFormat format = json ? AlertFormat.JSON : AlertFormat.TEXT;
        PrintWriter out = root.environment().out();
        AlertSink stdout = new AlertSink() {
            @Override
            public void accept(Alert alert) {
                out.println(format.format(alert));
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        return new Outputs(root, stdout);
    }

    /** Falco's end-of-run summary: events, alerts by priority and by rule. */
    static String summary(String input, RuntimeStats run) {
        StringBuilder b = new StringBuilder();
        b.append(input).append(": ").append(run.eventsRead()).append(" events read, ").append(run.eventsEvaluated())
                .append(" evaluated, ").append(run.skippedTotal()).append(" skipped");
        if (!run.eventsSkipped().isEmpty()) {
            b.append(' ').append(run.eventsSkipped());
        }
        b.append(", ").append(run.droppedTotal()).append(" dropped");
        if (!run.eventsDropped().isEmpty()) {
            b.append(' ').append(run.eventsDropped());
        }
        b.append("; ").append(run.rulesSelected()).append(" rules");
        if (run.evaluationErrors() > 0) {
            b.append(", ").append(run.evaluationErrors()).append(" evaluation errors");
        }
        b.append("; ").append(run.alerts()).append(" alerts");
        if (!run.alertsByPriority().isEmpty()) {
            b.append(' ').append(run.alertsByPriority());
        }
        run.alertsByRule().forEach((rule, n) -> b.append(System.lineSeparator()).append("  ").append(rule)
                .append(": ").append(n));
        return b.toString();
    }
}
