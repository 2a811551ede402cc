package dev.bulwark.image;

import dev.bulwark.core.LayerRef;

/**
 * Receives an image's layers. The spine of every scan: each consumer (package analyzers, secret scanner, file index)
 * is a LayerVisitor, and {@link LayerVisitors#compose} lets all of them share one pass over the layers.
 */
public interface LayerVisitor {

    /**
     * Called once per layer, before its entries.
     *
     * @param layer the layer, or {@code null} for a root filesystem, which has no layers
     * @return the visitor for this layer's entries, or {@code null} when this consumer needs nothing from the layer
     *     (for example because its result for this layer is cached); a layer nobody needs is not read at all
     * @implNote Sources may read layers in parallel: this method and the returned visitors must tolerate being used
     *     from several threads for different layers. Each returned visitor is used by one thread.
     */
    EntryVisitor layer(LayerRef layer);
}
