package dev.bulwark.vuln;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@code bulwark db info} shows.
 *
 * @param file the database file
 * @param sizeBytes its size
 * @param schemaVersion the schema version it was written with
 * @param builtAt when it was built
 * @param ecosystems per ecosystem string ({@code Debian:11}, {@code Maven}): records, affected entries, newest
 *     {@code modified}
 * @param knownExploited number of CISA KEV entries
 * @param kevCatalog the KEV catalogue version, or empty
 * @param importSummary the last import's counts (skipped, invalid, withdrawn, ...), one line
 */
public record DatabaseInfo(Path file, long sizeBytes, int schemaVersion, Instant builtAt, List<Ecosystem> ecosystems,
                           int knownExploited, String kevCatalog, String importSummary) {

    public DatabaseInfo {
        ecosystems = List.copyOf(ecosystems);
    }

    /** Counts for one ecosystem string. */
    public record Ecosystem(String name, long records, long affectedEntries, Instant lastModified) {
    }

    public long records() {
        return ecosystems.stream().mapToLong(Ecosystem::records).sum();
    }
}
