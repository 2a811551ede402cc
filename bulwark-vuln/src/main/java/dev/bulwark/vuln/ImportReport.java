package dev.bulwark.vuln;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an import did: what went into the database and what was left out, and why.
 *
 * @param database the database file written
 * @param sizeBytes its size
 * @param records advisories stored
 * @param affectedEntries affected entries stored
 * @param withdrawn withdrawn records left out
 * @param duplicates byte-identical copies left out (the same record in several folders or archives)
 * @param invalid documents that are not JSON or not usable OSV (no id, wrong types)
 * @param notOsv JSON documents that are not OSV records (schemas, census files), skipped
 * @param withoutPackage records left out because no affected entry names a package (GIT-only records)
 * @param entriesWithoutPackage affected entries without a package, dropped
 * @param gitRanges GIT ranges stored but never evaluated (matching is by version, not commit)
 * @param knownExploited CISA KEV entries imported
 * @param problems the first few problems, each naming the document
 * @param elapsed wall time
 */
public record ImportReport(Path database, long sizeBytes, long records, long affectedEntries, long withdrawn,
                           long duplicates, long invalid, long notOsv, long withoutPackage,
                           long entriesWithoutPackage, long gitRanges, long knownExploited, List<String> problems,
                           Duration elapsed) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** One line with the counts, as stored in the database and shown by {@code db info}. */
    public String summary() {
        return records + " records, " + affectedEntries + " affected entries, " + knownExploited + " KEV entries; "
                + "skipped: " + withdrawn + " withdrawn, " + duplicates + " duplicates, " + withoutPackage
                + " without package, " + invalid + " invalid, " + notOsv + " not OSV; " + gitRanges
                + " GIT ranges not evaluated";
    }
}
