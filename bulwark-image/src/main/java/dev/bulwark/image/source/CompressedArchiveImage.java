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
import dev.bulwark.image.internal.Spool;
import dev.bulwark.image.internal.TarFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A docker-archive or OCI layout packed in one gzip- or zstd-compressed tar. Such a tar has no random access, so it is
 * decompressed once into a {@link Spool} file in the cache directory and read from there.
 *
 * <p>A docker-archive lists its layers in a {@code manifest.json} stored after them, so a walk that waited for the
 * manifest would start only once the whole archive is decompressed, with one core inflating and the other idle. A
 * walk that comes before anyone asked for the metadata therefore reads layers while they stream past: a file named
 * {@code <64 hex>.tar} holding a plain tar (the layout skopeo and podman write, where the name is the layer's
 * diffID) is read, as soon as its bytes are in the spool, as the layer at its position among such files. Its
 * content is verified against that diffID before its visitor ends. Once the archive is complete, the manifest must
 * confirm every guess (same file, same index, same diffID); the layers not guessed are then read as usual. If any
 * guess is wrong (files stored out of order, a stray file), the speculative visitor is dropped and the walk starts
 * over from the spool with a fresh one: the same result, at the cost of reading twice.
 */
public final class CompressedArchiveImage implements Image {

    /** Opens the decompressed tar as an image (docker-archive or OCI layout); closes {@code files} on failure. */
    @FunctionalInterface
    public interface Opener {
        Image open(ArchiveFiles files, Runnable onClose) throws IOException;
    }

    private static final Pattern LAYER_FILE = Pattern.compile("(?:\\./)?([0-9a-f]{64})\\.tar");

    private final Path archive;
    private final ImageOptions options;
    private final Opener opener;
    private Image opened;

    public CompressedArchiveImage(Path archive, ImageOptions options, Opener opener) {
        this.archive = archive;
        this.options = options;
        this.opener = opener;
    }

    @Override
    public synchronized ImageMetadata metadata() {
        try {
            return open(null).metadata();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Decompresses the archive (announcing its files to {@code speculation} when not null) and opens the result; the
     * second call returns the image the first opened. On failure the speculation is abandoned.
     */
    private Image open(Speculation speculation) throws IOException {
        if (opened != null) {
            return opened;
        }
        Spool filled = Spool.create(archive, options.tempDir(), options.limits());
        try {
            if (speculation != null) {
                speculation.spool = filled;
            }
            filled.fill(speculation);
            opened = opener.open(new TarFiles(filled.file(), options.limits().maxPathLength(),
                    options.limits().maxPathDepth()), filled::close);
        } catch (IOException | RuntimeException | Error e) {
            if (speculation != null) {
                speculation.abandon(); // before the spool it reads from goes away
            }
            filled.close();
            throw e;
        }
        return opened;
    }

    @Override
    public synchronized void walk(LayerVisitor visitor) throws IOException {
        open(null).walk(visitor);
    }

    @Override
    public synchronized <V extends LayerVisitor> V walk(Supplier<V> visitors) throws IOException {
        if (opened != null) {
            return Image.super.walk(visitors);
        }
        V visitor = visitors.get();
        Speculation speculation = new Speculation(visitor);
        open(speculation);
        if (speculation.reads.isEmpty()) {
            speculation.abandon();
            opened.walk(visitor);
            return visitor;
        }
        if (!(opened instanceof ArchiveImage image) || !speculation.confirmedBy(image)) {
            speculation.abandon();
            V fresh = visitors.get();
            opened.walk(fresh);
            return fresh;
        }
        speculation.finish();
        image.walkExcept(visitor, speculation.indexes());
        return visitor;
    }

    /** Layers read while the archive streams in, under the {@link LayerRef} their name and position promise. */
    private final class Speculation implements Spool.EntryListener {
        private record Read(LayerRef guess, long dataOffset, Future<?> done) {
        }

        private final LayerVisitor visitor;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final LayerReader reader;
        private final ExecutorService pool;
        private final List<Read> reads = new ArrayList<>();
        private Spool spool;
        private int layerFiles;

        Speculation(LayerVisitor visitor) {
            this.visitor = visitor;
            this.reader = new LayerReader(archive.toString(), options.limits(), options.progress(), new AtomicLong(),
                    stop::get);
            this.pool = Executors.newFixedThreadPool(options.parallelism(), Thread.ofPlatform().daemon()
                    .name("bulwark-layer-", 1).factory());
        }

        @Override
        public void entry(String name, long dataOffset, long size, byte[] head) {
            Matcher layerFile = LAYER_FILE.matcher(name);
            if (!layerFile.matches()) {
                return;
            }
            int index = layerFiles++;
            if (!isTar(head)) {
                return; // compressed: its name is the blob's digest, not the diffID
            }
            LayerRef guess = new LayerRef(index, new Digest("sha256", layerFile.group(1)), null, null);
            Future<?> done = pool.submit(() -> {
                EntryVisitor entries = visitor.layer(guess);
                if (entries != null) {
                    try {
                        reader.read(spool.range(dataOffset, size), size, guess, null, entries);
                    } catch (IOException | RuntimeException e) {
                        stop.set(true);
                        throw e;
                    }
                }
                return null;
            });
            reads.add(new Read(guess, dataOffset, done));
        }

        /** Whether the manifest puts every layer read at the index and diffID it was read under, from the same bytes. */
        boolean confirmedBy(ArchiveImage image) {
            List<LayerRef> layers = image.metadata().layers();
            for (Read read : reads) {
                int index = read.guess().index();
                if (index >= layers.size() || !layers.get(index).diffId().equals(read.guess().diffId())
                        || image.dataOffset(index) != read.dataOffset()) {
                    return false;
                }
            }
            return true;
        }

        Set<Integer> indexes() {
            Set<Integer> indexes = new HashSet<>();
            reads.forEach(read -> indexes.add(read.guess().index()));
            return indexes;
        }

        /** Waits for the reads; a failed one fails the walk, the lowest index first, as a normal walk would. */
        void finish() throws IOException {
            try {
                Throwable first = null;
                for (Read read : reads) {
                    try {
                        read.done().get();
                    } catch (ExecutionException e) {
                        if (first == null && !(e.getCause() instanceof CancellationException)) {
                            first = e.getCause();
                        }
                    }
                }
                switch (first) {
                    case null -> { }
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new IOException(first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + archive);
            } finally {
                pool.shutdownNow();
            }
        }

        /** Stops the reads and waits for them; their results and failures no longer matter. */
        void abandon() {
            stop.set(true);
            pool.shutdown();
            for (Read read : reads) {
                try {
                    read.done().get();
                } catch (ExecutionException | CancellationException e) {
                    // discarded with the visitor
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            pool.shutdownNow();
        }
    }

    /** A POSIX or GNU tar header: {@code ustar} at offset 257. */
    private static boolean isTar(byte[] head) {
        return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    @Override
    public synchronized void close() throws IOException {
        if (opened != null) {
            opened.close(); // deletes the spool
        }
    }
}
