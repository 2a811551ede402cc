package dev.bulwark.image;

/**
 * What a layer entry is. Whiteouts are their own kinds (not files named {@code .wh.*}) so that no consumer can
 * mistake a deletion marker for content.
 */
public enum EntryKind {
    FILE,
    DIRECTORY,
    SYMLINK,
    /** A hard link to another entry of the same layer; its content is that entry's. */
    HARDLINK,
    /** Deletes the path (and everything below it) from lower layers. */
    WHITEOUT,
    /** Hides everything lower layers put in this directory; the directory itself stays. */
    OPAQUE_WHITEOUT,
    /** Character or block device. */
    DEVICE,
    FIFO,
    OTHER
}
