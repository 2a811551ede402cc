package dev.bulwark.vuln;

import dev.bulwark.core.DatabaseException;
import dev.bulwark.vuln.store.AdvisoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vulnerability database in the cache directory, opened read-only. Opening fails with a
 * {@link DatabaseException} (exit code 4) that tells the user to re-import when the file is missing, truncated,
 * corrupt, incomplete or of another schema version.
 */
public final class VulnDatabase implements AutoCloseable {

    /** The file name inside {@code <cache-dir>/db/}. */
    public static final String FILE_NAME = "vuln.db";

    private final AdvisoryStore store;
    private final Set<String> knownExploited;
    private final Set<String> ecosystems;

    private VulnDatabase(AdvisoryStore store) {
        this.store = store;
        this.knownExploited = Set.copyOf(store.knownExploited());
        this.ecosystems = Set.copyOf(store.ecosystems().stream().map(AdvisoryStore.EcosystemRow::name).toList());
    }

    /** Where the database lives for a cache directory. */
    public static Path file(Path cacheDir) {
        return cacheDir.resolve("db").resolve(FILE_NAME);
    }

    /** Opens the database of {@code cacheDir} read-only. */
    public static VulnDatabase open(Path cacheDir) {
        return openFile(file(cacheDir));
    }

    /** Opens a database file read-only. */
    public static VulnDatabase openFile(Path file) {
        return new VulnDatabase(AdvisoryStore.open(file));
    }

    /** Ecosystems, counts, age, schema version and the last import's report. */
    public DatabaseInfo info() {
        Map<String, String> meta = store.meta();
        List<DatabaseInfo.Ecosystem> list = store.ecosystems().stream()
                .map(e -> new DatabaseInfo.Ecosystem(e.name(), e.records(), e.entries(), instant(e.modified())))
                .toList();
        long size;
        try {
            size = Files.size(store.file());
        } catch (IOException e) {
            throw new DatabaseException(store.file().toString(), "cannot read the database size: " + e.getMessage());
        }
        return new DatabaseInfo(store.file(), size, Integer.parseInt(meta.getOrDefault("schema_version", "0")),
                instant(meta.get("built_at")), list, knownExploited.size(), meta.getOrDefault("kev_catalog", ""),
                meta.getOrDefault("import_summary", ""));
    }

    private static Instant instant(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    AdvisoryStore store() {
        return store;
    }

    Set<String> knownExploited() {
        return knownExploited;
    }

    Set<String> ecosystems() {
        return ecosystems;
    }

    @Override
    public void close() {
        store.close();
    }
}
