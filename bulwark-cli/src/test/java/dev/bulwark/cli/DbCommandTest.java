package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark db import|update|info} on the real command line, with corpus data. */
class DbCommandTest {

    @TempDir
    Path work;

    private CliRun bulwark(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--cache-dir";
        all[1] = work.resolve("cache").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(work, Map.of(), all);
    }

    private Path database() {
        return work.resolve("cache/db/vuln.db");
    }

    private CliRun importExamples() {
        Path examples = Corpus.require("advisories/_examples");
        Path kev = Corpus.require("advisories/_kev/known_exploited_vulnerabilities.json");
        return bulwark("db", "import", examples.toString(), kev.toString());
    }

    @Test
    void importThenInfoShowsEcosystemsCountsAndKev() {
        CliRun imported = importExamples();
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 22 advisories").contains("1404 KEV entries")
                .contains("4 withdrawn").contains("1 without package");
        CliRun info = bulwark("db", "info");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("schema 2").contains("KEV:       1404 entries (catalogue 2025.08.25)")
                .containsPattern("Debian:11 +1 +1").containsPattern("Maven +1 +3");
    }

    @Test
    void infoWithoutDatabaseExits4AndSaysHowToCreateIt() {
        CliRun info = bulwark("db", "info");
        assertThat(info.exitCode()).isEqualTo(4);
        assertThat(info.err()).contains("vuln.db").contains("does not exist").contains("bulwark db import");
    }

    @Test
    void truncatedDatabaseExits4WithReimportHint() throws IOException {
        assertThat(importExamples().exitCode()).isZero();
        try (FileChannel ch = FileChannel.open(database(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        CliRun info = bulwark("db", "info");
        assertThat(info.exitCode()).isEqualTo(4);
        assertThat(info.err()).contains("truncated").contains("bulwark db import");
    }

    @Test
    void garbageInPlaceOfTheDatabaseExits4() throws IOException {
        Files.createDirectories(database().getParent());
        Files.writeString(database(), "this is not a database, but long enough to have a header ".repeat(4));
        CliRun info = bulwark("db", "info");
        assertThat(info.exitCode()).isEqualTo(4);
        assertThat(info.err()).contains("no SQLite header");
    }

    @Test
    void databaseOfAnotherSchemaVersionExits4() throws Exception {
        assertThat(importExamples().exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        CliRun info = bulwark("db", "info");
        assertThat(info.exitCode()).isEqualTo(4);
        assertThat(info.err()).contains("schema version 99").contains("re-create it");
    }

    @Test
    void failedImportExits3AndLeavesThePreviousDatabaseUsable() throws IOException {
        assertThat(importExamples().exitCode()).isZero();
        byte[] before = Files.readAllBytes(database());
        Path broken = work.resolve("broken/all.zip");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "PK\u0003\u0004 truncated");
        CliRun failed = bulwark("db", "import", broken.toString());
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).contains(broken.toString()).contains("zip");
        assertThat(Files.readAllBytes(database())).isEqualTo(before);
        try (var leftovers = Files.list(database().getParent())) {
            assertThat(leftovers).containsExactly(database());
        }
        assertThat(bulwark("db", "info").exitCode()).isZero();
    }

    @Test
    void importOfAMissingPathExits3NamingIt() {
        CliRun failed = bulwark("db", "import", "no-such-dir");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).contains("no-such-dir").contains("no such file");
    }

    @Test
    void updateDownloadsFromAMirrorAndSkipsUnchangedArchives() throws IOException {
        Path advisories = Corpus.require("advisories");
        Map<String, AtomicInteger> fullDownloads = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = path.equals("/kev.json")
                    ? advisories.resolve("_kev/known_exploited_vulnerabilities.json")
                    : advisories.resolve(path.substring(1)).normalize();
            if (!file.startsWith(advisories) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String etag = "\"" + Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis() + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            fullDownloads.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String[] update = {"db", "update", "--source", base, "--ecosystem", "Debian,Alpine,npm,Hex",
                "--kev-url", base + "/kev.json"};
            CliRun first = bulwark(update);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).containsPattern("Debian +downloaded").containsPattern("Hex +not on the mirror")
                    .contains("Imported").contains("1404 KEV entries");
            CliRun second = bulwark(update);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).containsPattern("Debian +unchanged").containsPattern("KEV +unchanged")
                    .contains("The database is up to date.");
            assertThat(fullDownloads).containsOnlyKeys("/Debian/all.zip", "/Alpine/all.zip", "/npm/all.zip",
                    "/kev.json").allSatisfy((k, v) -> assertThat(v.get()).as(k).isEqualTo(1));
            CliRun info = bulwark("db", "info");
            assertThat(info.out()).containsPattern("Debian:9 +1568").containsPattern("Alpine:v3.11 ")
                    .contains("npm");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void updateFromAnUnreachableMirrorExits3NamingTheUrl() {
        CliRun failed = bulwark("db", "update", "--source", "http://127.0.0.1:9", "--ecosystem", "Debian",
                "--kev-url", "none");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).contains("http://127.0.0.1:9/Debian/all.zip");
    }
}
