package dev.bulwark.vuln.store;

/**
 * The database layout, version {@value #VERSION}. One SQLite file, written once by {@link DatabaseWriter} into a new
 * file that replaces the old one by an atomic rename, then only read ({@code immutable=1}).
 *
 * <pre>
 * meta(key, value)                     schema_version, built_at, complete, import report, KEV catalogue version
 * advisory(ref, id, modified, body)    body = deflated JSON of the OSV record without "affected"
 * affected(advisory, ecosystem, name, entry)
 *                                      one row per affected[] entry; name = PackageKey; entry = its JSON
 * kev(cve, added)                      CISA Known Exploited Vulnerabilities
 * ecosystem(name, records, entries, modified)   counts for "db info"
 * </pre>
 */
public final class Schema {

    /** Bumped whenever the layout or the meaning of a column changes; readers refuse other versions. */
    public static final int VERSION = 1;

    static final String[] CREATE = {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE advisory(ref INTEGER PRIMARY KEY, id TEXT NOT NULL, modified TEXT, body BLOB NOT NULL)",
        "CREATE TABLE affected(advisory INTEGER NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL, "
                + "entry TEXT NOT NULL)",
        "CREATE TABLE kev(cve TEXT PRIMARY KEY, added TEXT) WITHOUT ROWID",
        "CREATE TABLE ecosystem(name TEXT PRIMARY KEY, records INTEGER NOT NULL, entries INTEGER NOT NULL, "
                + "modified TEXT) WITHOUT ROWID",
    };

    static final String[] INDEX = {
        "CREATE INDEX affected_by_package ON affected(name, ecosystem)",
    };

    private Schema() {
    }
}
