package dev.bulwark.vuln.osv;

import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Walks import inputs (JSON files, directories of them, {@code all.zip} archives) and hands each JSON document to a
 * consumer, one at a time, so memory stays bounded by the largest document. Symbolic links are not followed and
 * sizes are capped, so a hostile archive cannot exhaust memory or escape the given paths.
 */
public final class OsvInputs {

    /** Largest JSON document read (one OSV record, an array of records or the KEV catalogue). */
    public static final long MAX_DOCUMENT_BYTES = 256L << 20;
    /** Most uncompressed bytes read from one zip archive. */
    public static final long MAX_ZIP_BYTES = 8L << 30;

    /** Receives one JSON document; {@code origin} names it for messages ({@code all.zip!CVE-1.json}). */
    @FunctionalInterface
    public interface DocumentConsumer {
        void accept(String origin, byte[] json) throws IOException;
    }

    private OsvInputs() {
    }

    /** Reads every JSON document under {@code input}, in a stable (sorted) order. */
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
        consumer.accept(file.toString(), Files.readAllBytes(file));
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
            long total = 0;
            for (ZipEntry entry : entries) {
                String origin = file + "!" + entry.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = readBounded(in, origin);
                } catch (ZipException e) {
                    throw new InputException(origin, "corrupt zip entry (" + e.getMessage() + ")", e);
                }
                total += bytes.length;
                if (total > MAX_ZIP_BYTES) {
                    throw new InputException(file.toString(), "archive unpacks to more than " + MAX_ZIP_BYTES
                            + " bytes; refusing (zip bomb?)");
                }
                consumer.accept(origin, bytes);
            }
        }
    }

    private static byte[] readBounded(InputStream in, String origin) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_DOCUMENT_BYTES + 1));
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new InputException(origin, "entry unpacks to more than " + MAX_DOCUMENT_BYTES
                    + " bytes; refusing (zip bomb?)");
        }
        return bytes;
    }
}
