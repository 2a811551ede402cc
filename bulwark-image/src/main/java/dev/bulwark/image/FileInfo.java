package dev.bulwark.image;

/**
 * One path of the final, merged filesystem of an image.
 *
 * @param path absolute normalised path
 * @param kind what it is (never a whiteout)
 * @param size content size for files
 * @param mode permission bits
 * @param linkTarget symlink target as written, or hardlink target path, else {@code null}
 * @param layerIndex the layer that last wrote this path (0 for a root filesystem)
 */
public record FileInfo(String path, EntryKind kind, long size, int mode, String linkTarget, int layerIndex) {
}
