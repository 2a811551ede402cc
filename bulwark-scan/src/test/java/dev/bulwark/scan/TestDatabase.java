package dev.bulwark.scan;

import dev.bulwark.testkit.Corpus;
import dev.bulwark.vuln.DatabaseImporter;
import dev.bulwark.vuln.VulnDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A vulnerability database built from the corpus advisories with the real importer, once per test JVM, holding only
 * the ecosystems the app images need (Go, Maven, npm, Alpine): seconds instead of minutes.
 */
final class TestDatabase {

    private static Path cacheDir;

    private TestDatabase() {
    }

    /** The cache directory holding {@code db/vuln.db}; skips the test when the corpus is absent. */
    static synchronized Path cacheDir() {
        Path advisories = Corpus.require("advisories");
        if (cacheDir == null || !Files.exists(VulnDatabase.file(cacheDir))) {
            try {
                Path dir = Files.createTempDirectory("bulwark-scan-db");
                dir.toFile().deleteOnExit();
                new DatabaseImporter(Clock.systemUTC()).importInto(dir, List.of(advisories.resolve("Go/all.zip"),
                        advisories.resolve("Maven"), advisories.resolve("npm"), advisories.resolve("Alpine/all.zip")));
                cacheDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cacheDir;
    }
}
