package dev.bulwark.vuln;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.vuln.osv.OsvInputs;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.store.BodyCodec;
import dev.bulwark.vuln.store.DatabaseWriter;
import dev.bulwark.vuln.store.PackageKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;

/**
 * Builds the database from OSV inputs (JSON files, directories, {@code all.zip} archives) and the CISA KEV
 * catalogue. The new database is written to a temporary file beside the old one and renamed over it only when
 * complete, so a failed import leaves the previous database in place and usable.
 */
public final class DatabaseImporter {

    private static final int MAX_PROBLEMS = 20;

    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public DatabaseImporter(Clock clock) {
        this.clock = clock;
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
            Run run = new Run();
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

    /** What the reading thread hands to the writing thread. */
    private sealed interface Item permits Advisory, Kev, End {
    }

    private record Entry(String ecosystem, String key, String json) {
    }

    private record Advisory(String id, String modified, byte[] body, List<Entry> entries) implements Item {
    }

    private record Kev(String cve, String added) implements Item {
    }

    private record End(Throwable failure) implements Item {
    }

    /**
     * The state of one import. One thread reads, parses and compresses documents (all counters belong to it); the
     * calling thread writes rows, so parsing and SQLite inserts overlap.
     */
    private final class Run {
        long records;
        long affected;
        long withdrawn;
        long duplicates;
        long invalid;
        long notOsv;
        long withoutPackage;
        long entriesWithoutPackage;
        long gitRanges;
        long kev;
        String kevCatalog = "";
        final List<String> problems = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Map<String, long[]> counts = new HashMap<>();
        final Map<String, String> modified = new HashMap<>();
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(2048);
        final CRC32 crc = new CRC32();

        void readAndWrite(List<Path> inputs, DatabaseWriter writer) throws IOException, SQLException {
            Thread reader = Thread.ofPlatform().name("bulwark-osv-reader").daemon().start(() -> {
                Throwable failure = null;
                try {
                    for (Path input : inputs) {
                        OsvInputs.read(input, this::document);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                put(new End(failure));
            });
            try {
                while (true) {
                    Item item = queue.take();
                    switch (item) {
                        case Advisory a -> {
                            long ref = writer.addAdvisory(a.id(), a.modified(), a.body());
                            for (Entry e : a.entries()) {
                                writer.addAffected(ref, e.ecosystem(), e.key(), e.json());
                            }
                        }
                        case Kev k -> writer.addKnownExploited(k.cve(), k.added());
                        case End end -> {
                            rethrow(end.failure());
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("import interrupted", e);
            } finally {
                if (reader.isAlive()) {
                    reader.interrupt();
                }
            }
        }

        private static void rethrow(Throwable failure) throws IOException {
            switch (failure) {
                case null -> {
                }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IOException(failure);
            }
        }

        private void put(Item item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import cancelled", e);
            }
        }

        void document(String origin, byte[] json) throws IOException {
            JsonNode node;
            try {
                node = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                invalid++;
                problem(origin, "not JSON: " + e.getOriginalMessage());
                return;
            }
            if (node == null) {
                invalid++;
                problem(origin, "empty document");
                return;
            }
            if (node.isObject() && node.path("vulnerabilities").isArray() && node.has("catalogVersion")) {
                for (JsonNode v : node.get("vulnerabilities")) {
                    String cve = v.path("cveID").asText("");
                    if (cve.startsWith("CVE-")) {
                        put(new Kev(cve, v.path("dateAdded").asText("")));
                        kev++;
                    }
                }
                kevCatalog = node.path("catalogVersion").asText("");
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    record(origin, element, null);
                }
            } else if (OsvParser.looksLikeRecord(node)) {
                record(origin, node, json);
            } else {
                notOsv++;
            }
        }

        private void record(String origin, JsonNode node, byte[] raw) {
            if (!node.isObject() || !node.path("id").isTextual() || node.path("id").asText().isBlank()) {
                invalid++;
                problem(origin, "not an OSV record (no string 'id')");
                return;
            }
            byte[] bytes = raw != null ? raw : node.toString().getBytes(StandardCharsets.UTF_8);
            String id = node.path("id").asText().strip();
            crc.reset();
            crc.update(bytes);
            if (!seen.add(id + "\0" + bytes.length + "\0" + crc.getValue())) {
                duplicates++;
                return;
            }
            if (node.hasNonNull("withdrawn")) {
                withdrawn++;
                return;
            }
            List<Entry> entries = new ArrayList<>();
            Set<String> ecosystems = new LinkedHashSet<>();
            for (JsonNode a : node.path("affected")) {
                String[] pkg = OsvParser.packageOf(a);
                if (pkg == null) {
                    entriesWithoutPackage++;
                    continue;
                }
                for (JsonNode r : a.path("ranges")) {
                    if ("GIT".equals(r.path("type").asText())) {
                        gitRanges++;
                    }
                }
                entries.add(new Entry(pkg[0], PackageKey.of(pkg[0], pkg[1]), a.toString()));
                counts.computeIfAbsent(pkg[0], k -> new long[2])[1]++;
                ecosystems.add(pkg[0]);
            }
            if (entries.isEmpty()) {
                withoutPackage++;
                return;
            }
            Instant mod = OsvParser.instant(node, "modified");
            String modText = mod == null ? null : mod.toString();
            for (String e : ecosystems) {
                counts.get(e)[0]++;
                if (modText != null) {
                    modified.merge(e, modText, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
            ((ObjectNode) node).remove("affected");
            put(new Advisory(id, modText, BodyCodec.deflate(node.toString().getBytes(StandardCharsets.UTF_8)),
                    entries));
            records++;
            affected += entries.size();
        }

        private void problem(String origin, String message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(origin + ": " + message);
            }
        }

        Map<String, DatabaseWriter.EcosystemCount> ecosystemCounts() {
            Map<String, DatabaseWriter.EcosystemCount> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, new DatabaseWriter.EcosystemCount(v[0], v[1], modified.get(k))));
            return out;
        }

        ImportReport report(Path database, long size, Duration elapsed) {
            return new ImportReport(database, size, records, affected, withdrawn, duplicates, invalid, notOsv,
                    withoutPackage, entriesWithoutPackage, gitRanges, kev, problems, elapsed);
        }
    }
}
