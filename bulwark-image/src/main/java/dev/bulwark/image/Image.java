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

    @Override
    void close() throws IOException;
}
