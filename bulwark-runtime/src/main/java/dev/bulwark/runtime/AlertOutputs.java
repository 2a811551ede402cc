package dev.bulwark.runtime;

import dev.bulwark.core.InputException;
import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.output.FileOutput;
import dev.bulwark.runtime.output.HttpOutput;
import dev.bulwark.runtime.output.Output;
import dev.bulwark.runtime.output.Outputs;
import dev.bulwark.runtime.output.SyslogOutput;
import dev.bulwark.runtime.output.TokenBucket;
import dev.bulwark.runtime.output.WriterOutput;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The alert outputs of a run, like Falco's: standard output, a file, an HTTP webhook (Falcosidekick), syslog
 * (RFC 5424 over UDP, TCP or a unix socket), behind one rate limit ({@code outputs.rate}/{@code max_burst}).
 * Network outputs run on their own threads behind bounded queues, so a slow receiver never slows the rules; every
 * alert is counted as delivered, failed, refused by a full queue, or rate-limited ({@link #stats()}). Failures are
 * reported to the {@code problems} consumer (the first few per output; the rest are counted).
 */
public final class AlertOutputs implements AutoCloseable {

    private final Outputs outputs;

    private AlertOutputs(Outputs outputs) {
        this.outputs = outputs;
    }

    public static Builder builder(Consumer<String> problems) {
        return new Builder(problems);
    }

    /** Where the engine sends alerts. */
    public AlertSink sink() {
        return outputs;
    }

    public OutputStats stats() {
        return outputs.stats();
    }

    /** Delivers what the queues hold (up to 10 s per output) and closes the outputs. */
    @Override
    public void close() {
        outputs.close();
    }

    /** Collects the outputs to open. */
    public static final class Builder {
        private final Consumer<String> problems;
        private final List<Output> sync = new ArrayList<>();
        private final List<Output> async = new ArrayList<>();
        private AlertFormat format = AlertFormat.TEXT;
        private TokenBucket bucket;
        private int queueCapacity = 10_000;
        private Duration httpTimeout = Duration.ofSeconds(5);

        private Builder(Consumer<String> problems) {
            this.problems = problems;
        }

        /** The format of standard output, file and syslog messages (HTTP always sends JSON). */
        public Builder format(AlertFormat f) {
            this.format = f;
            return this;
        }

        /** Alerts per second and burst size; without it there is no limit. */
        public Builder rateLimit(double rate, int maxBurst) {
            try {
                this.bucket = new TokenBucket(rate, maxBurst);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--rate", e.getMessage());
            }
            return this;
        }

        /** Alerts each network output may hold while its receiver is slow (default 10 000). */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = timeout;
            return this;
        }

        /** Lines on a writer the caller owns (flushed, not closed). */
        public Builder writer(String name, Writer writer) {
            sync.add(new WriterOutput(name, writer, format));
            return this;
        }

        /** Lines appended to {@code file} (created when missing). */
        public Builder file(Path file) {
            try {
                sync.add(new FileOutput(file, format));
            } catch (IOException e) {
                throw new InputException(file.toString(), "cannot open alert output file: " + e.getMessage(), e);
            }
            return this;
        }

        /** Falco JSON POSTed to {@code url} (http or https). */
        public Builder http(URI url) {
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new UsageException("--webhook", "expected an http:// or https:// URL, got '" + url + "'");
            }
            async.add(new HttpOutput(url, HttpClient.newBuilder().connectTimeout(httpTimeout).build(), httpTimeout));
            return this;
        }

        /** RFC 5424 messages to {@code udp://HOST:PORT}, {@code tcp://HOST:PORT} or {@code unix:///PATH}. */
        public Builder syslog(URI target) {
            try {
                async.add(new SyslogOutput(target, format));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--syslog", e.getMessage());
            }
            return this;
        }

        public AlertOutputs build() {
            return new AlertOutputs(new Outputs(sync, async, bucket, queueCapacity, problems));
        }
    }
}
