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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An image whose layers are blobs that can be opened independently (docker-archive or OCI layout, as directory or
 * tar, and registries). Every consumer is asked about every layer first, bottom first, on the calling thread; the
 * layers someone wants are then read, up to {@link ImageOptions#parallelism()} at once (each layer's visitor on one
 * thread), and a layer nobody wants is not read at all. When a layer fails, the others stop at their next entry and
 * the failure of the lowest failing layer is reported.
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
        walkExcept(visitor, java.util.Set.of());
    }

    /** Where layer {@code index}'s bytes start in the archive, or -1 when the archive cannot say. */
    long dataOffset(int index) {
        return files.dataOffset(layerFiles.get(index).name());
    }

    /** Walks the layers whose indexes are not in {@code done} (another reader has read those). */
    void walkExcept(LayerVisitor visitor, java.util.Set<Integer> done) throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        LayerReader reader = new LayerReader(metadata.name(), options.limits(), options.progress(), new AtomicLong(),
                failed::get);
        // Ask every consumer about every layer first, in order, on this thread; then read the layers wanted.
        List<Integer> wanted = new ArrayList<>();
        List<EntryVisitor> visitors = new ArrayList<>();
        for (int i = 0; i < layerFiles.size(); i++) {
            if (done.contains(i)) {
                visitors.add(null);
                continue;
            }
            EntryVisitor entries = visitor.layer(metadata.layers().get(i));
            visitors.add(entries);
            if (entries != null) {
                wanted.add(i);
            }
        }
        int threads = Math.min(options.parallelism(), wanted.size());
        if (threads <= 1) {
            for (int i : wanted) {
                readLayer(reader, i, visitors.get(i));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("bulwark-layer-", 1).factory());
        try {
            // Largest first: the biggest layer sets the wall time, so it must not wait behind small ones (on the
            // large benchmark image, the 480 MiB text layer used to start last, after eight seconds).
            List<Integer> bySize = new ArrayList<>(wanted);
            bySize.sort(Comparator.comparingLong((Integer i) -> layerFiles.get(i).size()).reversed());
            Map<Integer, Future<?>> started = new HashMap<>();
            for (int i : bySize) {
                started.put(i, pool.submit(() -> {
                    try {
                        readLayer(reader, i, visitors.get(i));
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            // Report the failure of the lowest layer, whatever finished first, so errors do not depend on timing.
            Throwable first = null;
            for (int i : wanted) {
                Future<?> read = started.get(i);
                try {
                    read.get();
                } catch (ExecutionException e) {
                    if (first == null && !(e.getCause() instanceof CancellationException)) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new java.io.InterruptedIOException("interrupted while reading " + metadata.name());
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void readLayer(LayerReader reader, int i, EntryVisitor entries) throws IOException {
        LayerRef layer = metadata.layers().get(i);
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

    @Override
    public void close() throws IOException {
        try {
            files.close();
        } finally {
            onClose.run();
        }
    }
}
