package dev.bulwark.sbom.analyzer.java;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Streams a Java archive once, from its local entry headers, without holding it: the SHA-1 is computed over the bytes
 * as they pass, small metadata entries ({@code pom.properties}, the manifest) are read into memory with a size cap,
 * and nested archives ({@code BOOT-INF/lib/*.jar}, {@code WEB-INF/lib/*.jar}, jars in ears) are read recursively as
 * streams of the outer archive, to a bounded depth. Entry counts and expanded bytes are bounded so that a zip bomb
 * ends the reading of that archive with an error instead of exhausting the machine.
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

    private long expanded;
    private long entries;

    /** Reads the archive from {@code in} (left open, read to its end). */
    JarContents read(InputStream in, int depth) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream digesting = new DigestInputStream(new Unclosable(in), sha1);
        JarContents contents = new JarContents();
        ZipArchiveInputStream zip = new ZipArchiveInputStream(digesting, StandardCharsets.UTF_8.name(), true, true);
        try {
            ZipArchiveEntry entry;
            while ((entry = nextEntry(zip)) != null) {
                contents.entries++;
                if (++entries > MAX_ENTRIES) {
                    throw new NotAnArchiveException("more than " + MAX_ENTRIES + " entries", null);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".class")) {
                    int slash = name.lastIndexOf('/');
                    if (slash > 0 && contents.classDirectories.size() < 10_000) {
                        contents.classDirectories.add(name.substring(0, slash + 1));
                    }
                } else if (lower.equals("meta-inf/manifest.mf")) {
                    contents.manifest = manifest(readSmall(zip, name));
                } else if (lower.startsWith("meta-inf/maven/") && lower.endsWith("/pom.properties")) {
                    JarContents.PomProperties pom = pom(readSmall(zip, name), name);
                    if (pom != null) {
                        contents.poms.add(pom);
                    }
                } else if (isArchiveName(lower) && depth < MAX_DEPTH) {
                    JarContents inner;
                    try {
                        inner = read(zip, depth + 1);
                    } catch (NotAnArchiveException e) {
                        inner = null; // a file named .jar that is not one: keep reading the outer archive
                    }
                    if (inner != null) {
                        contents.nested.add(new JarContents.Nested(name, inner));
                    }
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new NotAnArchiveException("not a readable zip archive (" + e.getMessage() + ")", e);
        }
        if (contents.entries == 0) {
            throw new NotAnArchiveException("not a zip archive (no entries)", null);
        }
        digesting.transferTo(OutputStream.nullOutputStream());
        contents.sha1 = HexFormat.of().formatHex(sha1.digest());
        return contents;
    }

    private ZipArchiveEntry nextEntry(ZipArchiveInputStream zip) throws IOException {
        ZipArchiveEntry entry = zip.getNextEntry();
        if (entry != null && entry.getSize() > 0) {
            expanded += entry.getSize();
            if (expanded > MAX_EXPANDED) {
                throw new NotAnArchiveException("expands to more than " + MAX_EXPANDED + " bytes", null);
            }
        }
        return entry;
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
