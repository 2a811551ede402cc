package dev.bulwark.scan;

import dev.bulwark.core.Severity;

/**
 * The CI gate: {@code --exit-code N} is returned when a reported finding (after filters and suppressions) is at or
 * above {@code --fail-on} (any severity when not given).
 *
 * @param exitCode the code to return when the gate is hit (0 disables the gate)
 * @param failOn the lowest severity that hits the gate, or {@code null} for any
 */
public record Gate(int exitCode, Severity failOn) {

    /** The exit code for {@code report}: {@link #exitCode} when a finding hits the gate, else 0. */
    public int evaluate(Report report) {
        if (exitCode == 0) {
            return 0;
        }
        boolean hit = report.findings().anyMatch(f -> failOn == null || f.severity().atLeast(failOn));
        return hit ? exitCode : 0;
    }
}
