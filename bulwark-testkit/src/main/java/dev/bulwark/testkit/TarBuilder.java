package dev.bulwark.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds a tar archive in memory, entry by entry, including the entries real layers contain and attackers craft:
 * whiteouts, symlinks, hardlinks, devices, {@code ../} names. Entry names are written exactly as given.
 *
 * <pre>
 * byte[] layer = new TarBuilder().dir("etc/").file("etc/os-release", "ID=alpine\n").symlink("lib", "usr/lib").build();
 * </pre>
 */
public final class TarBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TarBuilder() {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TarBuilder file(String name, byte[] content) {
        return file(name, content, 0644);
    }

    public TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        return put(entry, content);
    }

    public TarBuilder dir(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        return put(entry, null);
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(entry, null);
    }

    /** A character device, as found in real base layers ({@code dev/null}) and in hostile ones. */
    public TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        return put(entry, null);
    }

    /** A block device. */
    public TarBuilder blockDevice(String name, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_BLK, true);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        return put(entry, null);
    }

    /** A named pipe. */
    public TarBuilder fifo(String name) {
        return put(new TarArchiveEntry(name, TarConstants.LF_FIFO, true), null);
    }

    /** An AUFS/OCI whiteout that deletes {@code path} (written as {@code dir/.wh.name}). */
    public TarBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        return file(dir + ".wh." + path.substring(slash + 1), new byte[0]);
    }

    /** An opaque-directory marker that hides everything lower layers put in {@code dir}. */
    public TarBuilder opaque(String dir) {
        String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        return file(prefix + ".wh..wh..opq", new byte[0]);
    }

    private TarBuilder put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finished, uncompressed tar. */
    public byte[] build() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The finished tar, gzip-compressed. */
    public byte[] buildGzip() {
        return gzip(build());
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
