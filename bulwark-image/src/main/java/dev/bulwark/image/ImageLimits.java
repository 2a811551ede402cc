package dev.bulwark.image;

/**
 * Bounds on what an untrusted image may cost, checked while streaming. Exceeding one aborts the scan with an
 * {@link dev.bulwark.core.InputException} naming the limit, so a hostile image cannot exhaust memory, disk or time.
 *
 * @param maxLayerBytes uncompressed bytes per layer
 * @param maxTotalBytes uncompressed bytes over all layers
 * @param maxCompressionRatio uncompressed / compressed bytes per layer, checked once a layer has expanded past
 *     {@code ratioGraceBytes} (small, very compressible layers are normal)
 * @param ratioGraceBytes see {@code maxCompressionRatio}
 * @param maxEntries entries per layer
 * @param maxPathLength characters in one path
 * @param maxPathDepth components in one path
 * @param maxMetadataBytes size of one JSON document (manifest, index, config)
 */
public record ImageLimits(
        long maxLayerBytes,
        long maxTotalBytes,
        long maxCompressionRatio,
        long ratioGraceBytes,
        long maxEntries,
        int maxPathLength,
        int maxPathDepth,
        long maxMetadataBytes) {

    /** Defaults generous for real images (the largest public images are a few tens of GiB uncompressed). */
    public static final ImageLimits DEFAULTS = new ImageLimits(
            32L << 30, 128L << 30, 1000, 64L << 20, 5_000_000, 4096, 1024, 8L << 20);
}
