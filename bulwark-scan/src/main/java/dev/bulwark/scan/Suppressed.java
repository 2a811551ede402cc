package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import java.util.Objects;

/**
 * A finding that is not reported because a user said so, with who said it and why.
 *
 * @param finding the finding
 * @param source {@code ignorefile} or {@code vex}
 * @param statement the VEX status ({@code not_affected}, {@code fixed}) or {@code ignored} for an ignore entry
 * @param justification the VEX justification or empty
 * @param reason the ignore entry's reason or the VEX impact statement, or empty
 * @param origin the file that holds the statement
 */
public record Suppressed(Finding finding, String source, String statement, String justification, String reason,
                         String origin) {

    public Suppressed {
        Objects.requireNonNull(finding, "finding is null");
        Objects.requireNonNull(source, "source is null");
        statement = statement == null ? "" : statement;
        justification = justification == null ? "" : justification;
        reason = reason == null ? "" : reason;
        origin = origin == null ? "" : origin;
    }
}
