package dev.bulwark.vuln;

import dev.bulwark.vuln.ParsedDocument.Entry;
import dev.bulwark.vuln.ParsedDocument.KevCatalog;
import dev.bulwark.vuln.ParsedDocument.NotJson;
import dev.bulwark.vuln.ParsedDocument.NotOsv;
import dev.bulwark.vuln.ParsedDocument.Record;
import dev.bulwark.vuln.ParsedDocument.RecordResult;
import dev.bulwark.vuln.ParsedDocument.RecordWithoutId;
import dev.bulwark.vuln.ParsedDocument.Records;
import dev.bulwark.vuln.osv.OsvInputs;
import dev.bulwark.vuln.store.DatabaseWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One import: a reader thread walks the inputs and hands each document to a pool of parser threads, which unpack
 * it (zip entries inflate in parallel) and parse it ({@link DocumentParser}); the calling thread takes the parsed
 * documents back in input order, counts them, drops duplicates and writes the rows. The order makes advisory
 * references, counts and problems independent of the parallelism; a budget of bytes in flight (by declared size,
 * which a zip entry may not exceed) keeps memory bounded however far the parsers run ahead of SQLite.
 */
final class ImportRun {

    private static final int MAX_PROBLEMS = 20;
    /** Bytes of documents read but not yet written, in KiB; a larger document waits until it has them all. */
    private static final int IN_FLIGHT_KIB = 64 * 1024;
    private static final int MAX_QUEUED = 4096;

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

    private final int parallelism;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, Instant> modified = new HashMap<>();

    /** A document being parsed, or the end of the inputs (with the reader's failure, if any). */
    private sealed interface Slot permits Pending, End {
    }

    private record Pending(String origin, Future<ParsedDocument> parsed, int permits) implements Slot {
    }

    private record End(Throwable failure) implements Slot {
    }

    ImportRun(int parallelism) {
        this.parallelism = parallelism;
    }

    void readAndWrite(List<Path> inputs, DatabaseWriter writer) throws IOException, SQLException {
        BlockingQueue<Slot> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
        Semaphore budget = new Semaphore(IN_FLIGHT_KIB);
        ExecutorService parsers = Executors.newFixedThreadPool(parallelism,
                Thread.ofPlatform().name("bulwark-osv-parser-", 0).daemon().factory());
        DocumentParser parser = new DocumentParser();
        Thread reader = Thread.ofPlatform().name("bulwark-osv-reader").daemon().start(() -> {
            Throwable failure = null;
            try {
                for (Path input : inputs) {
                    OsvInputs.read(input, doc -> {
                        long size = doc.sizeHint();
                        int permits = size < 0 ? IN_FLIGHT_KIB : (int) Math.min(IN_FLIGHT_KIB, size / 1024 + 1);
                        try {
                            budget.acquire(permits);
                            queue.put(new Pending(doc.origin(),
                                    parsers.submit(() -> parser.parse(doc.origin(), doc.read())), permits));
                        } catch (InterruptedException e) {
                            throw new InterruptedIOException("import cancelled");
                        }
                    });
                }
            } catch (Throwable t) {
                failure = t;
            }
            try {
                queue.put(new End(failure));
            } catch (InterruptedException e) {
                // the writer gave up and no longer listens
            }
        });
        try {
            while (true) {
                switch (queue.take()) {
                    case Pending p -> {
                        ParsedDocument doc = p.parsed().get();
                        budget.release(p.permits());
                        write(p.origin(), doc, writer);
                    }
                    case End end -> {
                        rethrow(end.failure());
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("import interrupted");
        } catch (ExecutionException e) {
            rethrow(e.getCause());
        } finally {
            reader.interrupt();
            parsers.shutdownNow();
            joinQuietly(reader);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        switch (failure) {
            case null -> {
            }
            case IOException e -> throw e;
            case UncheckedIOException e -> throw e.getCause();
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure);
        }
    }

    private void write(String origin, ParsedDocument doc, DatabaseWriter writer) throws SQLException {
        switch (doc) {
            case NotJson n -> {
                invalid++;
                problem(origin, n.problem());
            }
            case NotOsv n -> notOsv++;
            case KevCatalog k -> {
                for (String[] e : k.entries()) {
                    writer.addKnownExploited(e[0], e[1]);
                    kev++;
                }
                kevCatalog = k.version();
            }
            case Records r -> {
                for (RecordResult result : r.records()) {
                    switch (result) {
                        case RecordWithoutId w -> {
                            invalid++;
                            problem(origin, w.problem());
                        }
                        case Record rec -> write(rec, writer);
                    }
                }
            }
        }
    }

    private void write(Record r, DatabaseWriter writer) throws SQLException {
        if (!seen.add(r.identity())) {
            duplicates++;
            return;
        }
        if (r.withdrawn()) {
            withdrawn++;
            return;
        }
        entriesWithoutPackage += r.entriesWithoutPackage();
        gitRanges += r.gitRanges();
        Set<String> ecosystems = new LinkedHashSet<>();
        for (Entry e : r.entries()) {
            counts.computeIfAbsent(e.ecosystem(), k -> new long[2])[1]++;
            ecosystems.add(e.ecosystem());
        }
        if (r.entries().isEmpty()) {
            withoutPackage++;
            return;
        }
        for (String e : ecosystems) {
            counts.get(e)[0]++;
            if (r.modified() != null) {
                modified.merge(e, r.modified(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        long ref = writer.addAdvisory(r.id(), r.body());
        int seq = 0;
        for (Entry e : r.entries()) {
            writer.addAffected(e.ecosystem(), e.key(), ref, seq++, r.id(), e.encoded());
        }
        records++;
        affected += r.entries().size();
    }

    private void problem(String origin, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(origin + ": " + message);
        }
    }

    Map<String, DatabaseWriter.EcosystemCount> ecosystemCounts() {
        Map<String, DatabaseWriter.EcosystemCount> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            Instant m = modified.get(k);
            out.put(k, new DatabaseWriter.EcosystemCount(v[0], v[1], m == null ? null : m.toString()));
        });
        return out;
    }

    ImportReport report(Path database, long size, Duration elapsed) {
        return new ImportReport(database, size, records, affected, withdrawn, duplicates, invalid, notOsv,
                withoutPackage, entriesWithoutPackage, gitRanges, kev, problems, elapsed);
    }
}
