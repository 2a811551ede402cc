package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.core.PackageType;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import pipeline: the same database whatever the parallelism, atomic replacement, damage detected on read. */
class DatabaseImporterTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static List<Path> inputs() {
        return List.of(Corpus.require("advisories/_examples"), Corpus.require("advisories/Debian/all.zip"),
                Corpus.require("advisories/_kev/known_exploited_vulnerabilities.json"));
    }

    @Test
    void parallelismDoesNotChangeASingleByteOfTheDatabase() throws IOException {
        Path one = dir.resolve("one");
        Path four = dir.resolve("four");
        ImportReport serial = new DatabaseImporter(FIXED, 1).importInto(one, inputs());
        ImportReport parallel = new DatabaseImporter(FIXED, 4).importInto(four, inputs());
        assertThat(parallel.summary()).isEqualTo(serial.summary());
        assertThat(serial.records()).isGreaterThan(2600);
        assertThat(Files.readAllBytes(VulnDatabase.file(four))).isEqualTo(Files.readAllBytes(VulnDatabase.file(one)));
    }

    @Test
    void failureInTheMiddleOfAnArchiveKeepsThePreviousDatabaseByteForByte() throws IOException {
        Path cache = dir.resolve("cache");
        new DatabaseImporter(FIXED).importInto(cache, List.of(Corpus.require("advisories/_examples")));
        byte[] before = Files.readAllBytes(VulnDatabase.file(cache));
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            entries.put("R-" + i + ".json", "{\"id\":\"R-" + i + "\",\"modified\":\"2020-01-01T00:00:00Z\","
                    + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p" + i + "\"},"
                    + "\"versions\":[\"1.0.0\"]}]}");
        }
        Path broken = dir.resolve("npm/all.zip");
        Files.createDirectories(broken.getParent());
        Files.write(broken, ZipFixtures.corruptData(ZipFixtures.zip(entries), "R-250.json"));

        assertThatThrownBy(() -> new DatabaseImporter(FIXED).importInto(cache, List.of(broken)))
                .isInstanceOf(InputException.class).hasMessageContaining("all.zip!R-250.json");
        assertThat(Files.readAllBytes(VulnDatabase.file(cache))).isEqualTo(before);
        try (Stream<Path> files = Files.list(VulnDatabase.file(cache).getParent())) {
            assertThat(files).containsExactly(VulnDatabase.file(cache));
        }
        try (VulnDatabase db = VulnDatabase.open(cache)) {
            assertThat(new VulnerabilityMatcher(db).match(null,
                    List.of(Packages.of(PackageType.NPM, "ua-parser-js", "0.7.29")))).hasSize(1);
        }
    }

    private Path examplesDatabase() {
        Path cache = dir.resolve("cache");
        new DatabaseImporter(FIXED).importInto(cache, List.of(Corpus.require("advisories/_examples")));
        return cache;
    }

    private static void sql(Path cache, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + VulnDatabase.file(cache));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void databaseOfTheJsonSchemaVersionOneIsRefusedWithAReimportHint() throws Exception {
        Path cache = examplesDatabase();
        sql(cache, "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
        assertThatThrownBy(() -> VulnDatabase.open(cache)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("schema version 1, this build reads version 2")
                .hasMessageContaining("bulwark db import");
    }

    @Test
    void damagedStoredEntryFailsTheMatchWithAReimportHint() throws Exception {
        Path cache = examplesDatabase();
        sql(cache, "UPDATE affected SET entry = X'05' WHERE name = 'ua-parser-js'");
        try (VulnDatabase db = VulnDatabase.open(cache)) {
            assertThatThrownBy(() -> new VulnerabilityMatcher(db).match(null,
                    List.of(Packages.of(PackageType.NPM, "ua-parser-js", "0.7.29"))))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("GHSA-pjwm-rvh2-c87w")
                    .hasMessageContaining("damaged").hasMessageContaining("bulwark db import");
        }
    }

    @Test
    void missingAdvisoryOfAMatchedEntryFailsTheMatchWithAReimportHint() throws Exception {
        Path cache = examplesDatabase();
        sql(cache, "DELETE FROM advisory WHERE id = 'GHSA-pjwm-rvh2-c87w'");
        try (VulnDatabase db = VulnDatabase.open(cache)) {
            assertThatThrownBy(() -> new VulnerabilityMatcher(db).match(null,
                    List.of(Packages.of(PackageType.NPM, "ua-parser-js", "0.7.29"))))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("missing")
                    .hasMessageContaining("bulwark db import");
        }
    }
}
