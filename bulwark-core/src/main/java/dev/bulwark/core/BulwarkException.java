package dev.bulwark.core;

import java.util.Objects;

/**
 * An error that is the user's input's or environment's fault, not a bug. The CLI maps each kind to a documented
 * exit code and prints only the message, which therefore always names the input and what is wrong with it.
 *
 * <p>Any other exception is an internal error (exit code 1).
 */
public abstract sealed class BulwarkException extends RuntimeException
        permits InputException, DatabaseException, UsageException {

    private final String source;

    protected BulwarkException(String source, String problem, Throwable cause) {
        super(format(source, problem), cause);
        this.source = source;
    }

    private static String format(String source, String problem) {
        Objects.requireNonNull(problem, "problem is null");
        return source == null || source.isEmpty() ? problem : source + ": " + problem;
    }

    /** The file, image reference or option that is at fault, or {@code null}. */
    public String source() {
        return source;
    }
}
