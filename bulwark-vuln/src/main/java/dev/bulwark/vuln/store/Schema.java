package dev.bulwark.vuln.store;

/**
 * The database layout, version {@value #VERSION}. One SQLite file, written once by {@link DatabaseWriter} into a new
 * file that replaces the old one by an atomic rename, then only read ({@code immutable=1}).
 *
 * <pre>
 * meta(key, value)                     schema_version, built_at, complete, import report, KEV catalogue version
 * affected(ecosystem, name, advisory, seq, advisory_id, entry)
 *                                      one row per affected[] entry, clustered by package so that a lookup reads
 *                                      adjacent rows; name = PackageKey; entry = EntryCodec binary
 * advisory(ref, id, body)              body = AdvisoryCodec binary (the record without "affected"), read only for
 *                                      matched entries
 * kev(cve, added)                      CISA Known Exploited Vulnerabilities
 * ecosystem(name, records, entries, modified)   counts for "db info"
 * </pre>
 *
 * <p>Version history: 1 stored entries and advisory bodies as JSON (deflated bodies); 2 stores both in the binary
 * forms of {@link EntryCodec} and {@link AdvisoryCodec}.
 */
public final class Schema {

    /** Bumped whenever the layout or the meaning of a column changes; readers refuse other versions. */
    public static final int VERSION = 2;

    static final String[] CREATE = {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE advisory(ref INTEGER PRIMARY KEY, id TEXT NOT NULL, body BLOB NOT NULL)",
        "CREATE TABLE affected(ecosystem TEXT NOT NULL, name TEXT NOT NULL, advisory INTEGER NOT NULL, "
                + "seq INTEGER NOT NULL, advisory_id TEXT NOT NULL, entry BLOB NOT NULL, "
                + "PRIMARY KEY(ecosystem, name, advisory, seq)) WITHOUT ROWID",
        "CREATE TABLE kev(cve TEXT PRIMARY KEY, added TEXT) WITHOUT ROWID",
        "CREATE TABLE ecosystem(name TEXT PRIMARY KEY, records INTEGER NOT NULL, entries INTEGER NOT NULL, "
                + "modified TEXT) WITHOUT ROWID",
    };

    private Schema() {
    }
}
