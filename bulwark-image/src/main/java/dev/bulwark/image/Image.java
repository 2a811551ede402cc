package dev.bulwark.image;

import java.io.IOException;

/**
 * An opened image: its metadata, and one streaming pass over its layers. Obtained from {@link ImageOpener}; close it
 * to release files and temporary data.
 */
public interface Image extends AutoCloseable {

    ImageMetadata metadata();

    /**
     * Streams every layer once, bottom first (or in parallel where the source allows, see {@link LayerVisitor}),
     * offering each entry to the visitor. Verifies each layer's digests while streaming and enforces the
     * {@link ImageLimits}; a violation aborts the walk with an {@link dev.bulwark.core.InputException} naming the
     * image, the layer and the problem.
     */
    void walk(LayerVisitor visitor) throws IOException;

    /**
     * Walks like {@link #walk(LayerVisitor)} with a visitor from {@code visitors}, and returns the visitor whose walk
     * completed. A source that must begin before it knows the image's metadata (a compressed docker-archive names
     * its layers only in a {@code manifest.json} stored after them) may read layers speculatively, as they stream
     * past, under the {@link dev.bulwark.core.LayerRef} their file name and position promise; when the manifest
     * then says otherwise, it discards that visitor and walks again with a fresh one. Until the walk ends, a layer's
     * {@code createdBy} may be unknown: consumers attribute results by the layer's index and diffID.
     *
     * @param visitors makes a fresh visitor; called once, or twice when a speculation failed
     */
    default <V extends LayerVisitor> V walk(java.util.function.Supplier<V> visitors) throws IOException {
        V visitor = visitors.get();
        walk(visitor);
        return visitor;
    }

    @Override
    void close() throws IOException;
}
