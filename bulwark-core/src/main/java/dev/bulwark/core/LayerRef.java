package dev.bulwark.core;

import java.util.Objects;

/**
 * Identifies one layer of an image, so that every package and finding can say which layer brought it.
 *
 * @param index 0-based position in the image's layer list (bottom layer is 0)
 * @param diffId digest of the uncompressed layer tar, the identity that is stable across registries and formats
 * @param digest digest of the layer blob as stored (compressed), or {@code null} when the source has none
 * @param createdBy the history instruction that created the layer, or {@code null} when unknown
 */
public record LayerRef(int index, Digest diffId, Digest digest, String createdBy) {

    public LayerRef {
        if (index < 0) {
            throw new IllegalArgumentException("layer index must be >= 0, got " + index);
        }
        Objects.requireNonNull(diffId, "diffId is null");
    }
}
