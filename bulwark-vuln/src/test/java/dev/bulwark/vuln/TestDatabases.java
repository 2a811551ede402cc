package dev.bulwark.vuln;

import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Databases built once per test JVM from the shared corpus (importing the full corpus takes seconds, so the tests
 * that need it share one). Each lives in its own temporary cache directory.
 */
final class TestDatabases {

    private static Path examples;
    private static Path corpus;

    private TestDatabases() {
    }

    /** A cache dir whose database holds {@code advisories/_examples} and the KEV catalogue. */
    static synchronized Path examples() {
        Path dir = Corpus.require("advisories/_examples");
        Path kev = Corpus.require("advisories/_kev/known_exploited_vulnerabilities.json");
        if (examples == null) {
            examples = build(List.of(dir, kev));
        }
        return examples;
    }

    /** A cache dir whose database holds the whole advisory corpus. */
    static synchronized Path corpus() {
        Path dir = Corpus.require("advisories");
        if (corpus == null) {
            corpus = build(List.of(dir));
        }
        return corpus;
    }

    private static Path build(List<Path> inputs) {
        try {
            Path cache = Files.createTempDirectory("bulwark-vuln-test");
            cache.toFile().deleteOnExit();
            new DatabaseImporter(Clock.systemUTC()).importInto(cache, inputs);
            VulnDatabase.file(cache).toFile().deleteOnExit();
            VulnDatabase.file(cache).getParent().toFile().deleteOnExit();
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
