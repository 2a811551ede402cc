package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.AlertFormat;
import dev.bulwark.runtime.AlertOutputs;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.OutputStats;
import dev.bulwark.runtime.RuntimeStats;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the runtime commands send alerts and counters (Falco's outputs, rate limit and statistics). */
final class RuntimeAlertOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", order = 20, description = "Alerts as Falco JSON, one object per line.")
    boolean json;

    @Option(names = "--no-stdout", order = 21, description = "Do not print alerts on standard output.")
    boolean noStdout;

    @Option(names = "--output-file", paramLabel = "FILE", order = 22,
            description = "Also append alerts to FILE, one per line.")
    Path outputFile;

    @Option(names = "--webhook", paramLabel = "URL", order = 23,
            description = "Also POST each alert as Falco JSON to URL (Falcosidekick: http://HOST:2801/); repeatable.")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--syslog", paramLabel = "TARGET", order = 24,
            description = "Also send RFC 5424 syslog messages to udp://HOST:PORT, tcp://HOST:PORT or unix:///dev/log; "
                    + "repeatable.")
    List<String> syslogTargets = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "ALERTS_PER_SECOND", order = 25,
            description = "Rate limit on alerts (token bucket on event time, like Falco's outputs.rate); alerts over "
                    + "it are counted and not sent.")
    Double rate;

    @Option(names = "--max-burst", paramLabel = "N", defaultValue = "1000", order = 26,
            description = "Bucket size of the rate limit (default: ${DEFAULT-VALUE}).")
    int maxBurst;

    @Option(names = "--stats", order = 30,
            description = "At the end, print the counters (events read/evaluated/skipped/dropped, alerts by rule and "
                    + "priority, deliveries per output) as JSON on standard error.")
    boolean stats;

    @Option(names = "--exit-code", defaultValue = "0", paramLabel = "CODE", order = 31,
            description = "Exit with CODE when a rule fired (default: 0).")
    int exitCode;

    void validate() {
        if (exitCode < 0 || exitCode > 255) {
            throw new UsageException("--exit-code", "must be between 0 and 255, got " + exitCode);
        }
        if (rate == null && maxBurst != 1000) {
            throw new UsageException("--max-burst", "only applies with --rate");
        }
    }

    /** The outputs of one command run; closing delivers what is queued and prints the counters. */
    final class Outputs implements AutoCloseable {
        private final BulwarkCommand root;
        private final AlertOutputs outputs;
        private final Map<String, RuntimeStats> runs = new LinkedHashMap<>();

        private Outputs(BulwarkCommand root, AlertOutputs outputs) {
            this.root = root;
            this.outputs = outputs;
        }

        AlertSink sink() {
            return outputs.sink();
        }

        /** Records the counters of one input and, unless quiet or {@code --stats}, prints its summary. */
        void report(String input, RuntimeStats run) {
            runs.put(input, run);
            if (!stats && !root.quiet()) {
                PrintWriter err = root.environment().err();
                err.println(summary(input, run));
                err.flush();
            }
        }

        @Override
        public void close() {
            outputs.close();
            root.environment().out().flush();
            OutputStats delivery = outputs.stats();
            PrintWriter err = root.environment().err();
            if (stats) {
                err.println(statsJson(delivery));
            } else if (!root.quiet() && (delivery.rateLimited() > 0 || !delivery.failed().isEmpty()
                    || !delivery.queueFull().isEmpty())) {
                err.println("outputs: " + delivery.received() + " alerts, " + delivery.rateLimited()
                        + " rate-limited, delivered " + delivery.delivered() + ", failed " + delivery.failed()
                        + ", queue full " + delivery.queueFull());
            }
            err.flush();
        }

        private String statsJson(OutputStats delivery) {
            try {
                if (runs.size() == 1) {
                    var entry = runs.entrySet().iterator().next();
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("input", entry.getKey());
                    doc.putAll(JSON.readValue(entry.getValue().toJson(), Map.class));
                    doc.put("outputs", delivery.toMap());
                    return JSON.writeValueAsString(doc);
                }
                List<Object> inputs = new ArrayList<>();
                for (var entry : runs.entrySet()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("input", entry.getKey());
                    doc.putAll(JSON.readValue(entry.getValue().toJson(), Map.class));
                    inputs.add(doc);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("inputs", inputs);
                doc.put("outputs", delivery.toMap());
                return JSON.writeValueAsString(doc);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Outputs open(BulwarkCommand root) {
        PrintWriter err = root.environment().err();
        AlertOutputs.Builder builder = AlertOutputs.builder(problem -> {
            synchronized (err) {
                err.println("bulwark: " + problem);
                err.flush();
            }
        }).format(json ? AlertFormat.JSON : AlertFormat.TEXT);
        if (rate != null) {
            builder.rateLimit(rate, maxBurst);
        }
        if (!noStdout) {
            builder.writer("stdout", root.environment().out());
        }
        if (outputFile != null) {
            builder.file(root.resolve(outputFile));
        }
        for (String url : webhooks) {
            builder.http(uri("--webhook", url));
        }
        for (String target : syslogTargets) {
            builder.syslog(uri("--syslog", target));
        }
        return new Outputs(root, builder.build());
    }

    private static URI uri(String option, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException(option, "not a URI: '" + text + "'");
        }
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
