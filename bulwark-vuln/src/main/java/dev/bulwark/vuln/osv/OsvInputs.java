package dev.bulwark.vuln.osv;

import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Walks import inputs (JSON files, directories of them, {@code all.zip} archives) and hands out each JSON document,
 * in a stable (sorted) order, as a {@link Document} whose bytes are read when asked, possibly on another thread, so
 * that unpacking archive entries runs in parallel with the walk. Symbolic links are not followed and sizes are
 * capped, so a hostile archive cannot exhaust memory or escape the given paths.
 */
public final class OsvInputs {

    /** Largest JSON document read (one OSV record, an array of records or the KEV catalogue). */
    public static final long MAX_DOCUMENT_BYTES = 256L << 20;
    /** Most uncompressed bytes read from one zip archive. */
    public static final long MAX_ZIP_BYTES = 8L << 30;

    /**
     * One JSON document of an input. {@link #read} may be called from any thread, once; an archive stays open
     * until each of its documents was read (or the walk failed or was interrupted).
     */
    public sealed interface Document permits FileDocument, ZipDocument {

        /** Names the document for messages: the file, or {@code all.zip!CVE-1.json}. */
        String origin();

        /** Its size in bytes as far as known before reading (a zip entry's declared size may be -1). */
        long sizeHint();

        /** Its bytes; an {@link InputException} naming it when it is too large or damaged. */
        byte[] read() throws IOException;
    }

    /** Receives the documents of the inputs, in order. */
    @FunctionalInterface
    public interface DocumentConsumer {
        void accept(Document document) throws IOException;
    }

    private OsvInputs() {
    }

    /**
     * Hands every JSON document under {@code input} to {@code consumer}; returns when every document of it was
     * read.
     */
    public static void read(Path input, DocumentConsumer consumer) throws IOException {
        if (Files.isSymbolicLink(input) && !Files.exists(input)) {
            throw new InputException(input.toString(), "dangling symbolic link");
        }
        if (Files.isDirectory(input)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(OsvInputs::isInput)
                        .sorted().forEach(files::add);
            }
            for (Path file : files) {
                readFile(file, consumer);
            }
        } else if (Files.isRegularFile(input)) {
            if (!isInput(input)) {
                throw new InputException(input.toString(),
                        "not an OSV input (expected a .json file, a directory or an all.zip archive)");
            }
            readFile(input, consumer);
        } else {
            throw new InputException(input.toString(), "no such file or directory");
        }
    }

    private static boolean isInput(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".zip");
    }

    private static void readFile(Path file, DocumentConsumer consumer) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            readZip(file, consumer);
            return;
        }
        long size = Files.size(file);
        if (size > MAX_DOCUMENT_BYTES) {
            throw new InputException(file.toString(), "JSON file of " + size + " bytes is larger than the limit of "
                    + MAX_DOCUMENT_BYTES + " bytes");
        }
        consumer.accept(new FileDocument(file, size));
    }

    private static void readZip(Path file, DocumentConsumer consumer) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InputException(file.toString(), "not a readable zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            List<ZipEntry> entries = new ArrayList<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    entries.add(e);
                }
            }
            Archive archive = new Archive(file, zip);
            for (ZipEntry entry : entries) {
                archive.handedOut();
                consumer.accept(new ZipDocument(archive, entry));
            }
            archive.awaitReads();
        }
    }

    /** A JSON file. */
    static final class FileDocument implements Document {

        private final Path file;
        private final long size;

        FileDocument(Path file, long size) {
            this.file = file;
            this.size = size;
        }

        @Override
        public String origin() {
            return file.toString();
        }

        @Override
        public long sizeHint() {
            return size;
        }

        @Override
        public byte[] read() throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return readBounded(in, origin(), MAX_DOCUMENT_BYTES);
            }
        }
    }

    /** An open archive: the bytes unpacked so far and the documents not yet read. */
    private static final class Archive {

        final Path file;
        final ZipFile zip;
        final AtomicLong unpacked = new AtomicLong();
        /** Documents handed out and not yet read. */
        private long unread;

        Archive(Path file, ZipFile zip) {
            this.file = file;
            this.zip = zip;
        }

        synchronized void handedOut() {
            unread++;
        }

        synchronized void doneReading() {
            if (--unread == 0) {
                notifyAll();
            }
        }

        /** Waits until every document handed out was read, so the archive can be closed. */
        synchronized void awaitReads() throws InterruptedIOException {
            try {
                while (unread > 0) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("import cancelled while " + file + " was being read");
            }
        }
    }

    /** A JSON entry of an archive, unpacked when read. */
    static final class ZipDocument implements Document {

        private final Archive archive;
        private final ZipEntry entry;
        private final AtomicBoolean consumed = new AtomicBoolean();

        private ZipDocument(Archive archive, ZipEntry entry) {
            this.archive = archive;
            this.entry = entry;
        }

        @Override
        public String origin() {
            return archive.file + "!" + entry.getName();
        }

        @Override
        public long sizeHint() {
            return entry.getSize();
        }

        @Override
        public byte[] read() throws IOException {
            if (consumed.getAndSet(true)) {
                throw new IllegalStateException(origin() + " was read already");
            }
            try {
                byte[] bytes;
                long declared = entry.getSize();
                if (declared > MAX_DOCUMENT_BYTES) {
                    throw new InputException(origin(), "entry unpacks to more than " + MAX_DOCUMENT_BYTES
                            + " bytes; refusing (zip bomb?)");
                }
                try (InputStream in = archive.zip.getInputStream(entry)) {
                    bytes = readBounded(in, origin(), declared >= 0 ? declared : MAX_DOCUMENT_BYTES);
                } catch (ZipException e) {
                    throw new InputException(origin(), "corrupt zip entry (" + e.getMessage() + ")", e);
                }
                if (archive.unpacked.addAndGet(bytes.length) > MAX_ZIP_BYTES) {
                    throw new InputException(archive.file.toString(), "archive unpacks to more than "
                            + MAX_ZIP_BYTES + " bytes; refusing (zip bomb?)");
                }
                return bytes;
            } finally {
                archive.doneReading();
            }
        }
    }

    /**
     * Reads a whole stream of at most {@code limit} bytes (a zip entry's declared size, else
     * {@link #MAX_DOCUMENT_BYTES}) into one array: sized to the limit when it is small, grown by doubling otherwise.
     */
    private static byte[] readBounded(InputStream in, String origin, long limit) throws IOException {
        byte[] buf = new byte[(int) Math.min(limit + 1, 64 * 1024)];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : Arrays.copyOf(buf, n);
            }
            n += r;
            if (n > limit) {
                throw new InputException(origin, limit < MAX_DOCUMENT_BYTES
                        ? "entry unpacks to more than its declared " + limit + " bytes (corrupt or hostile archive)"
                        : "entry unpacks to more than " + MAX_DOCUMENT_BYTES + " bytes; refusing (zip bomb?)");
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, (long) buf.length * 2));
            }
        }
    }
}
