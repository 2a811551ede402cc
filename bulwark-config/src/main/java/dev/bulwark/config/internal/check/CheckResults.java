package dev.bulwark.config.internal.check;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.CheckOutcome;
import dev.bulwark.core.Location;
import dev.bulwark.core.Misconfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the outcome of the checks run on one input: a check that reports no violation for a subject (a
 * Dockerfile, a Kubernetes resource) counts as passed, one that reports any as failed with one finding per
 * violation.
 */
public final class CheckResults {

    private final Location location;
    private final List<Misconfiguration> findings = new ArrayList<>();
    private final List<CheckOutcome> outcomes = new ArrayList<>();
    private int passed;
    private int failed;

    public CheckResults(Location location) {
        this.location = location;
    }

    /** Records the outcome of {@code check} on one subject (a whole file). */
    public void record(CheckDescriptor check, List<Violation> violations) {
        record(check, "", violations);
    }

    /** Records the outcome of {@code check} on {@code resource}. */
    public void record(CheckDescriptor check, String resource, List<Violation> violations) {
        outcomes.add(new CheckOutcome(check.id(), location, resource, violations.isEmpty()));
        if (violations.isEmpty()) {
            passed++;
            return;
        }
        failed++;
        for (Violation violation : violations) {
            findings.add(new Misconfiguration(check.id(), check.aliases(), check.title(), check.severity(), location,
                    violation.startLine(), Math.max(violation.startLine(), violation.endLine()), violation.resource(),
                    violation.message(), check.resolution(), check.references()));
        }
    }

    public Location location() {
        return location;
    }

    public List<Misconfiguration> findings() {
        return List.copyOf(findings);
    }

    public List<CheckOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }
}
