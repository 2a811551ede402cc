package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;

/** One destination of alerts. {@link #write} throws when the alert was not delivered; the caller counts it. */
public interface Output extends AutoCloseable {

    /** A stable name for counters and messages ({@code stdout}, {@code file:/var/log/alerts.json}, ...). */
    String name();

    void write(Alert alert) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
