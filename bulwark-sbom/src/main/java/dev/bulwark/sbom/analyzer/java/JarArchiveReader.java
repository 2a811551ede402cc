package dev.bulwark.sbom.analyzer.java;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Reads a Java archive the way the JDK does, from its central directory: the archive's bytes are spooled once to a
 * temporary file (the SHA-1 computed as they pass), then only the entries that identify it are inflated (the
 * manifest, {@code pom.properties}, nested archives); class files are known by name alone. Reading every local entry
 * instead means inflating every class file, which cost most of the time of an image scan with a few fat jars.
 * Nested archives ({@code BOOT-INF/lib/*.jar}, {@code WEB-INF/lib/*.jar}, jars in ears) are read the same way,
 * recursively, to a bounded depth. An archive the JDK cannot open from its central directory (damaged, or written
 * by a streaming tool with stored entries and data descriptors) is read from its local headers instead. Entry counts
 * and declared expanded bytes are bounded, and a nested archive may not expand beyond its declared size, so that a zip
 * bomb ends the reading of that archive with an error instead of exhausting the machine.
 */
final class JarArchiveReader {

    static final int MAX_DEPTH = 8;
    private static final int MAX_METADATA = 1 << 20;
    private static final long MAX_ENTRIES = 1_000_000;
    private static final long MAX_EXPANDED = 16L << 30;

    /** The archive is not a readable zip, or exceeds a bound. */
    static final class NotAnArchiveException extends IOException {
        NotAnArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Most bytes a nested archive may inflate to per stored byte, once larger than {@link #RATIO_GRACE}. */
    static final long MAX_RATIO = 1000;
    private static final long RATIO_GRACE = 64L << 20;

    private long expanded;
    private boolean nestedTooDeep;

    /** Whether an archive nested deeper than {@link #MAX_DEPTH} levels was left unread. */
    boolean nestedTooDeep() {
        return nestedTooDeep;
    }
    private long entries;

    /**
     * Reads the archive from {@code in} (left open, read to its end), spooling it to a temporary file in
     * {@code tempDir} that is deleted before returning.
     */
    JarContents read(InputStream in, Path tempDir, int depth) throws IOException {
        Files.createDirectories(tempDir);
        Path spool = Files.createTempFile(tempDir, "jar-", ".zip");
        try {
            String sha1;
            try (OutputStream out = Files.newOutputStream(spool)) {
                sha1 = copyDigesting(in, out);
            }
            JarContents contents;
            try {
                contents = readSpooled(spool, tempDir, depth);
            } catch (NotAnArchiveException notAnArchive) {
                throw notAnArchive;
            } catch (IOException damaged) {
                // The spooled copy is complete, so what fails now is the archive itself: cut or corrupt entries.
                throw new NotAnArchiveException("damaged archive (" + damaged.getMessage() + ")", damaged);
            }
            contents.sha1 = sha1;
            return contents;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private JarContents readSpooled(Path spool, Path tempDir, int depth) throws IOException {
        try {
            return readCentralDirectory(spool, tempDir, depth);
        } catch (ZipException | IllegalArgumentException e) {
            try (InputStream again = Files.newInputStream(spool)) {
                return readLocalHeaders(again, depth);
            } catch (RuntimeException corrupt) {
                // commons-compress fails on some corrupt local headers with an unchecked exception (a
                // NullPointerException from its entry stream): the archive is damaged, not the analyzer.
                throw new IOException("corrupt local headers (" + corrupt.getClass().getSimpleName() + ")", corrupt);
            }
        }
    }

    private JarContents readCentralDirectory(Path file, Path tempDir, int depth) throws IOException {
        JarContents contents = new JarContents();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                count(contents, entry.getSize());
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".class")) {
                    classDirectory(contents, name);
                } else if (lower.equals("meta-inf/manifest.mf")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        contents.manifest = manifest(readSmall(in, name));
                    }
                } else if (lower.startsWith("meta-inf/maven/") && lower.endsWith("/pom.properties")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        addPom(contents, readSmall(in, name), name);
                    }
                } else if (isArchiveName(lower) && depth < MAX_DEPTH) {
                    if (entry.getSize() > RATIO_GRACE
                            && entry.getSize() / Math.max(1, entry.getCompressedSize()) > MAX_RATIO) {
                        // Nested archives are stored or barely compressible: this one would be spooled to disk.
                        throw new NotAnArchiveException(name + " expands from " + entry.getCompressedSize() + " to "
                                + entry.getSize() + " bytes (more than " + MAX_RATIO + ":1); a zip bomb?", null);
                    }
                    JarContents inner;
                    long limit = entry.getSize() >= 0 ? entry.getSize() : MAX_EXPANDED - expanded;
                    try (InputStream in = new DeclaredSize(zip.getInputStream(entry), limit, name)) {
                        inner = read(in, tempDir, depth + 1);
                    } catch (NotAnArchiveException | ZipException | EOFException e) {
                        inner = null; // a file named .jar that is not one, or a damaged entry: keep reading the outer
                    }
                    if (inner != null) {
                        contents.nested.add(new JarContents.Nested(name, inner));
                    }
                } else if (isArchiveName(lower)) {
                    nestedTooDeep = true;
                }
            }
        }
        if (contents.entries == 0) {
            throw new NotAnArchiveException("not a zip archive (no entries)", null);
        }
        return contents;
    }

    /** Reads the archive entry after entry from its local headers; the SHA-1 is left to the caller. */
    private JarContents readLocalHeaders(InputStream in, int depth) throws IOException {
        MessageDigest sha1 = sha1();
        DigestInputStream digesting = new DigestInputStream(new Unclosable(in), sha1);
        JarContents contents = new JarContents();
        ZipArchiveInputStream zip = new ZipArchiveInputStream(digesting, StandardCharsets.UTF_8.name(), true, true);
        try {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                count(contents, entry.getSize());
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".class")) {
                    classDirectory(contents, name);
                } else if (lower.equals("meta-inf/manifest.mf")) {
                    contents.manifest = manifest(readSmall(zip, name));
                } else if (lower.startsWith("meta-inf/maven/") && lower.endsWith("/pom.properties")) {
                    addPom(contents, readSmall(zip, name), name);
                } else if (isArchiveName(lower) && depth < MAX_DEPTH) {
                    JarContents inner;
                    try {
                        inner = readLocalHeaders(zip, depth + 1);
                    } catch (NotAnArchiveException e) {
                        inner = null; // a file named .jar that is not one: keep reading the outer archive
                    }
                    if (inner != null) {
                        contents.nested.add(new JarContents.Nested(name, inner));
                    }
                } else if (isArchiveName(lower)) {
                    nestedTooDeep = true;
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new NotAnArchiveException("not a readable zip archive (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            // Truncated: what the entries read so far revealed still identifies the archive.
        }
        if (contents.entries == 0) {
            throw new NotAnArchiveException("not a zip archive (no entries)", null);
        }
        digesting.transferTo(OutputStream.nullOutputStream());
        contents.sha1 = HexFormat.of().formatHex(sha1.digest());
        return contents;
    }

    private void count(JarContents contents, long size) throws NotAnArchiveException {
        contents.entries++;
        if (++entries > MAX_ENTRIES) {
            throw new NotAnArchiveException("more than " + MAX_ENTRIES + " entries", null);
        }
        if (size > 0) {
            expanded += size;
            if (expanded > MAX_EXPANDED) {
                throw new NotAnArchiveException("expands to more than " + MAX_EXPANDED + " bytes", null);
            }
        }
    }

    private static void classDirectory(JarContents contents, String name) {
        int slash = name.lastIndexOf('/');
        if (slash > 0 && contents.classDirectories.size() < 10_000) {
            contents.classDirectories.add(name.substring(0, slash + 1));
        }
    }

    private static void addPom(JarContents contents, byte[] data, String name) throws IOException {
        JarContents.PomProperties pom = pom(data, name);
        if (pom != null) {
            contents.poms.add(pom);
        }
    }

    private static String copyDigesting(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha1 = sha1();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha1.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isArchiveName(String lowerName) {
        return lowerName.endsWith(".jar") || lowerName.endsWith(".war") || lowerName.endsWith(".ear")
                || lowerName.endsWith(".par") || lowerName.endsWith(".hpi") || lowerName.endsWith(".jpi");
    }

    private static byte[] readSmall(InputStream in, String name) throws IOException {
        byte[] data = in.readNBytes(MAX_METADATA + 1);
        if (data.length > MAX_METADATA) {
            throw new NotAnArchiveException(name + " is larger than " + MAX_METADATA + " bytes", null);
        }
        return data;
    }

    private static Map<String, String> manifest(byte[] data) {
        Map<String, String> main = new LinkedHashMap<>();
        try {
            Attributes attributes = new Manifest(new ByteArrayInputStream(data)).getMainAttributes();
            attributes.forEach((k, v) -> main.put(k.toString(), v.toString().trim()));
        } catch (IOException | RuntimeException e) {
            // a broken manifest only loses the manifest fallback
        }
        return main;
    }

    private static JarContents.PomProperties pom(byte[] data, String entry) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(data));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String group = trimmed(properties.getProperty("groupId"));
        String artifact = trimmed(properties.getProperty("artifactId"));
        String version = trimmed(properties.getProperty("version"));
        if (group == null || artifact == null || version == null) {
            return null;
        }
        return new JarContents.PomProperties(group, artifact, version, entry);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A nested entry that inflates beyond its declared size (or the remaining budget) is a bomb: stop there. */
    private static final class DeclaredSize extends FilterInputStream {
        private final long limit;
        private final String name;
        private long read;

        DeclaredSize(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) throws NotAnArchiveException {
            read += n;
            if (read > limit) {
                throw new NotAnArchiveException(name + " expands beyond its declared size of " + limit + " bytes", null);
            }
        }
    }

    /** Keeps the outer stream open when a nested reader finishes. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
