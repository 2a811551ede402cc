package dev.bulwark.image.source;

import dev.bulwark.core.Digest;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerVisitor;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.LayerReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An image whose layers are files of an archive (docker-archive or OCI layout, as directory or tar). Layers are read
 * bottom first; each layer nobody asked for is skipped without reading it.
 */
final class ArchiveImage implements Image {

    /** Where a layer is in the archive. */
    record LayerFile(String name, Digest blobDigest, long size) {
    }

    private final ArchiveFiles files;
    private final ImageMetadata metadata;
    private final List<LayerFile> layerFiles;
    private final ImageOptions options;
    private final Runnable onClose;

    ArchiveImage(ArchiveFiles files, ImageMetadata metadata, List<LayerFile> layerFiles, ImageOptions options,
                 Runnable onClose) {
        if (metadata.layers().size() != layerFiles.size()) {
            throw new IllegalArgumentException("layers and layer files differ in length");
        }
        this.files = files;
        this.metadata = metadata;
        this.layerFiles = List.copyOf(layerFiles);
        this.options = options;
        this.onClose = onClose;
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public void walk(LayerVisitor visitor) throws IOException {
        LayerReader reader = new LayerReader(metadata.name(), options.limits(), options.progress(), new AtomicLong());
        for (int i = 0; i < layerFiles.size(); i++) {
            LayerRef layer = metadata.layers().get(i);
            EntryVisitor entries = visitor.layer(layer);
            if (entries == null) {
                continue;
            }
            LayerFile file = layerFiles.get(i);
            InputStream blob;
            try {
                blob = files.open(file.name());
            } catch (java.io.FileNotFoundException e) {
                throw new dev.bulwark.core.InputException(metadata.name(), "layer " + (i + 1) + " ("
                        + layer.diffId() + ") is missing from the archive: " + file.name());
            }
            reader.read(blob, file.size(), layer, file.blobDigest(), entries);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            files.close();
        } finally {
            onClose.run();
        }
    }
}
