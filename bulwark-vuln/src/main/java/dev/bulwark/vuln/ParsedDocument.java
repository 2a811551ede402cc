package dev.bulwark.vuln;

import java.time.Instant;
import java.util.List;

/** What a {@link DocumentParser} made of one input document, ready to be counted and written. */
sealed interface ParsedDocument {

    /** Not JSON at all (or empty). */
    record NotJson(String problem) implements ParsedDocument {
    }

    /** JSON, but neither OSV nor the KEV catalogue (schemas, census files). */
    record NotOsv() implements ParsedDocument {
    }

    /** The CISA KEV catalogue: {@code [cve, dateAdded]} pairs. */
    record KevCatalog(String version, List<String[]> entries) implements ParsedDocument {
    }

    /** One record, or the records of a JSON array, in document order. */
    record Records(List<RecordResult> records) implements ParsedDocument {
    }

    /** One element of {@link Records}. */
    sealed interface RecordResult {
    }

    /** An object without a string {@code id}. */
    record RecordWithoutId(String problem) implements RecordResult {
    }

    /**
     * A usable record, encoded for storage.
     *
     * @param id the record id
     * @param identity id, size and checksum of its bytes, to drop byte-identical copies
     * @param withdrawn whether it is withdrawn (then nothing else is filled in)
     * @param entriesWithoutPackage affected entries that name no package
     * @param gitRanges GIT ranges of the entries with a package
     * @param entries the entries with a package, in document order
     * @param modified its {@code modified} time, or {@code null}
     * @param body the advisory without its entries ({@code AdvisoryCodec})
     */
    record Record(String id, String identity, boolean withdrawn, int entriesWithoutPackage, int gitRanges,
                  List<Entry> entries, Instant modified, byte[] body) implements RecordResult {
    }

    /** One entry: ecosystem, package key and the {@code EntryCodec} form. */
    record Entry(String ecosystem, String key, byte[] encoded) {
    }
}
