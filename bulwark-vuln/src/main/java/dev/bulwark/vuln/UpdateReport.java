package dev.bulwark.vuln;

import java.util.List;

/**
 * What {@code bulwark db update} did.
 *
 * @param sources one line per ecosystem archive (and the KEV catalogue): downloaded, unchanged or missing
 * @param imported the rebuild's report, or {@code null} when nothing changed and the database was kept
 */
public record UpdateReport(List<Source> sources, ImportReport imported) {

    public UpdateReport {
        sources = List.copyOf(sources);
    }

    /** The outcome for one download. */
    public enum Outcome { DOWNLOADED, UNCHANGED, MISSING }

    /**
     * @param name the ecosystem, or {@code KEV}
     * @param url what was requested
     * @param outcome what happened
     * @param bytes bytes downloaded (0 unless {@code DOWNLOADED})
     */
    public record Source(String name, String url, Outcome outcome, long bytes) {
    }
}
