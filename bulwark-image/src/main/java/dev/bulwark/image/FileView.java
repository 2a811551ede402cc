package dev.bulwark.image;

import java.util.List;
import java.util.Optional;

/**
 * The image's final filesystem after applying every layer's whiteouts, opaque directories and replacements: what a
 * container started from the image would see. Built during the same pass as the analyses ({@link FileIndex}) and
 * queried after it, so that per-layer results can be kept or dropped ("was this jar deleted later?") without a second
 * pass.
 */
public interface FileView {

    /** The entry at {@code path} without following a final symlink (like {@code lstat}), if it exists. */
    Optional<FileInfo> get(String path);

    /**
     * The entry {@code path} leads to, following symlinks in every component, confined to the image root: {@code ..}
     * never climbs above {@code /} and absolute targets start at the image root (like resolving inside a chroot).
     * Empty when the path does not exist, or a link chain is longer than 40 hops.
     */
    Optional<FileInfo> resolve(String path);

    /** Whether the version of {@code path} written by layer {@code layerIndex} is what the final filesystem shows. */
    boolean isVisible(String path, int layerIndex);

    /** The entries directly inside directory {@code dir}, sorted by path. */
    List<FileInfo> list(String dir);

    /** Number of paths in the final filesystem. */
    long size();
}
