package dev.bulwark.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes SLF4J (bound to java.util.logging) to standard error, one line per record, so that reports on standard
 * output stay machine-readable. {@code --debug} shows debug records and stack traces, {@code --quiet} only errors.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void configure(PrintWriter err, boolean debug, boolean quiet) {
        Level level = debug ? Level.FINE : quiet ? Level.SEVERE : Level.INFO;
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        root.addHandler(new WriterHandler(err, debug, level));
        // Libraries are noisy at INFO; show them only when debugging.
        for (String noisy : new String[] {"org.apache", "com.github", "org.cyclonedx", "org.spdx", "io.fabric8"}) {
            Logger.getLogger(noisy).setLevel(debug ? Level.FINE : Level.WARNING);
        }
    }

    private static final class WriterHandler extends Handler {
        private final PrintWriter err;

        WriterHandler(PrintWriter err, boolean withStackTraces, Level level) {
            this.err = err;
            setLevel(level);
            setFormatter(new LineFormatter(withStackTraces));
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            synchronized (err) {
                err.print(getFormatter().format(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }

    private static final class LineFormatter extends Formatter {
        private final boolean withStackTraces;

        LineFormatter(boolean withStackTraces) {
            this.withStackTraces = withStackTraces;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128)
                    .append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(record.getMillis())
                            .truncatedTo(ChronoUnit.MILLIS)))
                    .append('\t').append(levelName(record.getLevel()))
                    .append('\t').append(formatMessage(record))
                    .append(System.lineSeparator());
            if (withStackTraces && record.getThrown() != null) {
                var trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String levelName(Level level) {
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (value >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (value >= Level.INFO.intValue()) {
                return "INFO";
            }
            return "DEBUG";
        }
    }
}
