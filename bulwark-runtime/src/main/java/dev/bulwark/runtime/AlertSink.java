package dev.bulwark.runtime;

/**
 * Where alerts go: standard output, a file, a webhook, syslog, or a test's list. Implementations may buffer;
 * {@link #close} flushes and releases them.
 */
public interface AlertSink extends AutoCloseable {

    void accept(Alert alert);

    @Override
    default void close() {
    }
}
