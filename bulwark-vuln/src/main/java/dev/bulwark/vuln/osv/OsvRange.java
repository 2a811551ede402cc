package dev.bulwark.vuln.osv;

import java.util.List;

/**
 * A version range: a type ({@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}) and its events in the order written.
 */
public record OsvRange(String type, List<OsvEvent> events) {

    public OsvRange {
        events = List.copyOf(events);
    }

    public boolean isGit() {
        return "GIT".equals(type);
    }
}
