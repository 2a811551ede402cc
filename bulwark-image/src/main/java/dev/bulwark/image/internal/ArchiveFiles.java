package dev.bulwark.image.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The files of an image archive (docker-archive or OCI layout), as a directory or as a tar, by their normalised
 * names ({@code manifest.json}, {@code blobs/sha256/ab...}). Reading never leaves the archive: symlinks inside it are
 * resolved within it.
 */
public interface ArchiveFiles extends Closeable {

    /** Names of all regular files (and in-archive symlinks to them). */
    Set<String> names();

    boolean exists(String name);

    /** Size in bytes, or -1 when unknown. */
    long size(String name);

    /** Opens a file; {@link java.io.FileNotFoundException} naming it when absent. */
    InputStream open(String name) throws IOException;

    /**
     * Where the bytes of {@code name} (after links) start in the archive file, or -1 when it is not a tar or has
     * no such file: two names with the same offset are the same bytes.
     */
    default long dataOffset(String name) {
        return -1;
    }

    /** The archive, for messages. */
    String describe();
}
