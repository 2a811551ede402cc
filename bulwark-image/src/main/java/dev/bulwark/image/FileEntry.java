package dev.bulwark.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * One entry of a layer (or of a root filesystem) as it streams by.
 *
 * <p>Paths are absolute and normalised: {@code /etc/os-release}; no {@code .} or {@code ..} components, no trailing
 * slash, {@code /} only for the root directory itself. Sources reject entries whose names would escape the root
 * before any consumer sees them.
 */
public interface FileEntry {

    /** The absolute, normalised path, e.g. {@code /usr/lib/os-release}. */
    String path();

    EntryKind kind();

    /** Content size in bytes for {@link EntryKind#FILE}; 0 otherwise. */
    long size();

    /** Permission bits including setuid/setgid/sticky ({@code 04755}). */
    int mode();

    /**
     * For {@link EntryKind#SYMLINK}: the target as written (absolute targets are relative to the image root). For
     * {@link EntryKind#HARDLINK}: the normalised absolute path of the linked entry. Otherwise {@code null}.
     */
    String linkTarget();

    /**
     * The content of a {@link EntryKind#FILE}, readable once and only during the
     * {@link EntryVisitor#visit(FileEntry)} call, and only by a visitor that answered {@code true} to
     * {@link EntryVisitor#wantsContent(FileEntry)}.
     *
     * @throws IllegalStateException when the entry has no content or the visitor did not ask for it
     */
    InputStream open() throws IOException;

    /** The file name (last path component). */
    default String name() {
        String path = path();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
