package dev.bulwark.vuln;

import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.vuln.store.DatabaseWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the database from OSV inputs (JSON files, directories, {@code all.zip} archives) and the CISA KEV
 * catalogue. The new database is written to a temporary file beside the old one and renamed over it only when
 * complete, so a failed import leaves the previous database in place, byte for byte, and usable.
 *
 * <p>Documents are parsed on several threads but written in input order, so the same inputs always give the same
 * database contents whatever the parallelism.
 */
public final class DatabaseImporter {

    private final Clock clock;
    private final int parallelism;

    /** An importer that parses on as many threads as there are processors. */
    public DatabaseImporter(Clock clock) {
        this(clock, Runtime.getRuntime().availableProcessors());
    }

    /** An importer that parses on {@code parallelism} threads (at least one). */
    public DatabaseImporter(Clock clock, int parallelism) {
        this.clock = clock;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * Replaces the database of {@code cacheDir} with one built from {@code inputs}.
     *
     * @throws InputException when an input is missing, unreadable or unsafe, or holds no OSV record at all
     * @throws DatabaseException when the database file cannot be written
     */
    public ImportReport importInto(Path cacheDir, List<Path> inputs) {
        Instant start = clock.instant();
        Path target = VulnDatabase.file(cacheDir);
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), VulnDatabase.FILE_NAME + ".", ".tmp");
        } catch (IOException e) {
            throw new DatabaseException(target.getParent().toString(), "cannot create the database directory ("
                    + e.getMessage() + ")", e);
        }
        try {
            ImportRun run = new ImportRun(parallelism);
            try (DatabaseWriter writer = DatabaseWriter.create(temp)) {
                run.readAndWrite(inputs, writer);
                if (run.records == 0 && run.kev == 0) {
                    throw new InputException(String.join(", ", inputs.stream().map(Path::toString).toList()),
                            "no OSV records or KEV catalogue found");
                }
                Map<String, String> meta = new TreeMap<>();
                meta.put("built_at", clock.instant().toString());
                meta.put("kev_catalog", run.kevCatalog);
                meta.put("import_summary", run.report(target, 0, Duration.ZERO).summary());
                writer.finish(run.ecosystemCounts(), meta);
            }
            move(temp, target);
            return run.report(target, Files.size(target), Duration.between(start, clock.instant()));
        } catch (SQLException e) {
            throw new DatabaseException(temp.toString(), "cannot write the database (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(e.getMessage() == null ? "import" : e.getMessage(),
                    "cannot read input (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover temporary file is harmless
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
