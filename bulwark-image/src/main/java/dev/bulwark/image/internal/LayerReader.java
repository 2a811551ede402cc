package dev.bulwark.image.internal;

import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Progress;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.ImageLimits;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one layer blob into an {@link EntryVisitor}: stored bytes → digest check → decompression → limits →
 * diffID check → tar entries with safe, normalised names. One sequential pass, nothing buffered beyond the
 * decompressor's window, nothing written to disk.
 */
public final class LayerReader {

    private static final Logger LOG = LoggerFactory.getLogger(LayerReader.class);
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** Layers smaller than this are read on the calling thread alone: a second thread would cost more than it saves. */
    private static final long READ_AHEAD_FROM_BYTES = 1 << 20;
    private static final int READ_AHEAD_CHUNKS = 8;
    private static final int READ_AHEAD_CHUNK_BYTES = 128 * 1024;

    private final String imageName;
    private final ImageLimits limits;
    private final Progress progress;
    private final AtomicLong totalBytes;
    private final BooleanSupplier cancelled;

    /**
     * @param imageName names the image in error messages
     * @param totalBytes uncompressed bytes read so far over the whole image (shared by the layers of one walk)
     */
    public LayerReader(String imageName, ImageLimits limits, Progress progress, AtomicLong totalBytes) {
        this(imageName, limits, progress, totalBytes, () -> false);
    }

    /**
     * @param cancelled polled between entries; when it turns true the read stops with a
     *     {@link CancellationException} (another layer read in parallel has failed)
     */
    public LayerReader(String imageName, ImageLimits limits, Progress progress, AtomicLong totalBytes,
                       BooleanSupplier cancelled) {
        this.imageName = imageName;
        this.limits = limits;
        this.progress = progress;
        this.totalBytes = totalBytes;
        this.cancelled = cancelled;
    }

    /** Adds every uncompressed byte to the image's total as it is read, so the total limit holds across layers. */
    private final class ImageTotal extends FilterInputStream {
        ImageTotal(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws LimitedInputStream.LimitExceededException {
            if (totalBytes.addAndGet(n) > limits.maxTotalBytes()) {
                throw new LimitedInputStream.LimitExceededException("the image expands to more than "
                        + limits.maxTotalBytes() + " bytes");
            }
        }
    }

    /**
     * Reads a layer.
     *
     * @param blob the layer as stored, compressed or not; closed by this method
     * @param blobSize the stored size for progress, or -1
     * @param layer the layer; its diffID is verified against the uncompressed bytes
     * @param blobDigest the expected digest of the stored bytes, or {@code null} when the source has none
     */
    public void read(InputStream blob, long blobSize, LayerRef layer, Digest blobDigest, EntryVisitor visitor)
            throws IOException {
        String where = "layer " + (layer.index() + 1) + " (" + layer.diffId() + ")";
        for (Digest digest : new Digest[] {layer.diffId(), blobDigest}) {
            if (digest != null && !DigestingInputStream.supports(digest.algorithm())) {
                blob.close();
                throw new InputException(imageName, where + ": unsupported digest algorithm '" + digest.algorithm()
                        + "' (sha256 and sha512 can be verified)");
            }
        }
        try (Progress.Task task = progress.start("layer " + (layer.index() + 1) + " " + layer.diffId().shortHex(),
                blobSize);
             InputStream raw = new BufferedInputStream(new ProgressStream(blob, task), 4)) {
            // The stored bytes are hashed only when there is a blob digest to check (a docker-archive has none) and
            // it is not also the diffID of an uncompressed blob, which the diffID check below hashes already.
            boolean blobIsDiff = blobDigest != null && blobDigest.equals(layer.diffId())
                    && Compression.detect(raw) == Compression.NONE;
            DigestingInputStream stored = blobIsDiff || blobDigest == null ? DigestingInputStream.countingOnly(raw)
                    : DigestingInputStream.forDigest(raw, blobDigest);
            Compression.Decompressing decompressed = Compression.open(stored);
            LimitedInputStream limited = new LimitedInputStream(decompressed.stream(), limits.maxLayerBytes(),
                    limits.maxCompressionRatio(), limits.ratioGraceBytes(),
                    () -> stored.count() - decompressed.unconsumed().getAsLong());
            DigestingInputStream diff = DigestingInputStream.forDigest(new ImageTotal(limited), layer.diffId());
            if (blobSize >= 0 && blobSize < READ_AHEAD_FROM_BYTES) {
                readEntries(diff, visitor, where);
                diff.drain();
            } else {
                // Reading, hashing and decompressing on one thread, tar entries and analyzers on this one.
                try (ReadAheadInputStream ahead = new ReadAheadInputStream(diff, READ_AHEAD_CHUNKS,
                        READ_AHEAD_CHUNK_BYTES, Thread.currentThread().getName() + "-read")) {
                    readEntries(ahead, visitor, where);
                    ahead.drain();
                }
            }
            stored.drain();
            Digest actualDiff = diff.result();
            // The blob first: a replaced blob is the cause, a diffID that no longer matches only its effect.
            Digest actualBlob = blobIsDiff ? actualDiff : blobDigest == null ? null : stored.result();
            if (actualBlob != null && !actualBlob.equals(blobDigest)) {
                throw new InputException(imageName, where + ": blob has digest " + actualBlob
                        + ", but the manifest says " + blobDigest);
            }
            if (!actualDiff.equals(layer.diffId())) {
                throw new InputException(imageName, where + ": uncompressed content has digest " + actualDiff
                        + ", but the image config says " + layer.diffId());
            }
            // Only a verified layer is finished: consumers store per-layer results under its diffID at end()
            // (the layer cache), so a layer whose bytes are not what its diffID says must never get there.
            visitor.end();
        } catch (LimitedInputStream.LimitExceededException e) {
            throw new InputException(imageName, where + ": " + e.getMessage(), e);
        } catch (ZipException | EOFException e) {
            throw new InputException(imageName, where + ": truncated or corrupt compressed data (" + e.getMessage()
                    + ")", e);
        } catch (com.github.luben.zstd.ZstdIOException e) {
            throw new InputException(imageName, where + ": truncated or corrupt zstd data (" + e.getMessage() + ")",
                    e);
        }
    }

    private void readEntries(InputStream uncompressed, EntryVisitor visitor, String where) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(uncompressed, StandardCharsets.UTF_8.name());
        long entries = 0;
        int escapingLinks = 0;
        TarArchiveEntry header;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException(where + ": stopped because another layer failed");
            }
            try {
                header = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                if (e instanceof LimitedInputStream.LimitExceededException limit) {
                    throw limit;
                }
                if (e instanceof EOFException || e instanceof ZipException
                        || e instanceof com.github.luben.zstd.ZstdIOException) {
                    throw (IOException) e; // the compressed stream is cut or corrupt, not the tar
                }
                throw new InputException(imageName, where + ": malformed tar after entry " + entries + " ("
                        + e.getMessage() + ")", e);
            }
            if (header == null) {
                break;
            }
            if (++entries > limits.maxEntries()) {
                throw new InputException(imageName, where + ": more than " + limits.maxEntries() + " entries");
            }
            TarEntry entry = toEntry(header, tar, where);
            if (entry == null) {
                continue;
            }
            if (entry.kind == EntryKind.SYMLINK && EntryPaths.escapesRoot(entry.path, entry.linkTarget)) {
                escapingLinks++;
                LOG.debug("{}: {}: symlink {} -> {} points above the image root; resolved inside it", imageName,
                        where, entry.path, EntryPaths.printable(entry.linkTarget));
            }
            entry.contentAllowed = entry.kind == EntryKind.FILE && visitor.wantsContent(entry);
            entry.where = where;
            try {
                visitor.visit(entry);
            } finally {
                entry.finished = true;
            }
            if (header.isSparse()) {
                // getNextEntry() would read the rest of a sparse file, holes included (10 GiB of zeros from a few
                // hundred stored bytes); skipping the tar stream jumps over holes without reading them.
                tar.skip(Long.MAX_VALUE);
            }
        }
        if (escapingLinks > 0) {
            LOG.warn("{}: {}: {} symlink(s) point above the image root; they are resolved inside the image, as a "
                    + "container runtime would", imageName, where, escapingLinks);
        }
    }

    private TarEntry toEntry(TarArchiveEntry header, InputStream content, String where) {
        String raw = header.getName();
        String path;
        try {
            path = EntryPaths.normalize(raw, limits.maxPathLength(), limits.maxPathDepth());
        } catch (EntryPaths.UnsafePathException e) {
            throw new InputException(imageName, where + ": unsafe entry: " + e.getMessage());
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int mode = header.getMode() & 07777;
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String dir = EntryPaths.parent(path);
            if (name.equals(OPAQUE_MARKER)) {
                return new TarEntry(dir, EntryKind.OPAQUE_WHITEOUT, 0, mode, null, null);
            }
            if (name.startsWith(".wh..wh.")) {
                return null; // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not part of the filesystem
            }
            String deleted = name.substring(WHITEOUT_PREFIX.length());
            if (deleted.isEmpty() || deleted.equals(".") || deleted.equals("..")) {
                throw new InputException(imageName, where + ": unsafe whiteout '" + EntryPaths.printable(raw) + "'");
            }
            return new TarEntry(EntryPaths.child(dir, deleted), EntryKind.WHITEOUT, 0, mode, null, null);
        }
        if (header.isSymbolicLink()) {
            String target = header.getLinkName();
            if (target.isEmpty() || target.indexOf('\0') >= 0 || target.length() > limits.maxPathLength()) {
                throw new InputException(imageName, where + ": symlink " + path + " has an invalid target");
            }
            return new TarEntry(path, EntryKind.SYMLINK, 0, mode, target, null);
        }
        if (header.isLink()) {
            String target;
            try {
                target = EntryPaths.normalize(header.getLinkName(), limits.maxPathLength(), limits.maxPathDepth());
            } catch (EntryPaths.UnsafePathException e) {
                throw new InputException(imageName, where + ": hardlink " + path + " points outside the image root ("
                        + e.getMessage() + ")");
            }
            return new TarEntry(path, EntryKind.HARDLINK, 0, mode, target, null);
        }
        if (header.isDirectory()) {
            return new TarEntry(path, EntryKind.DIRECTORY, 0, mode, null, null);
        }
        if (header.isCharacterDevice() || header.isBlockDevice()) {
            return new TarEntry(path, EntryKind.DEVICE, 0, mode, null, null);
        }
        if (header.isFIFO()) {
            return new TarEntry(path, EntryKind.FIFO, 0, mode, null, null);
        }
        if (header.isFile()) {
            // A sparse entry stores a few bytes and reads as its real size (holes read as zeros): consumers judge
            // a file by what they will read, so they are told the real size.
            long size = header.isSparse() ? header.getRealSize() : header.getSize();
            return new TarEntry(path, EntryKind.FILE, size, mode, null, content);
        }
        return new TarEntry(path, EntryKind.OTHER, 0, mode, null, null);
    }

    /** A tar entry as handed to visitors; its content is readable only during the visit, by those who asked. */
    private final class TarEntry implements FileEntry {
        private final String path;
        private final EntryKind kind;
        private final long size;
        private final int mode;
        private final String linkTarget;
        private final InputStream content;
        private boolean contentAllowed;
        private boolean opened;
        private boolean finished;
        private String where;

        TarEntry(String path, EntryKind kind, long size, int mode, String linkTarget, InputStream content) {
            this.path = path;
            this.kind = kind;
            this.size = size;
            this.mode = mode;
            this.linkTarget = linkTarget;
            this.content = content;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public EntryKind kind() {
            return kind;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int mode() {
            return mode;
        }

        @Override
        public String linkTarget() {
            return linkTarget;
        }

        @Override
        public InputStream open() {
            if (content == null || !contentAllowed || finished) {
                throw new IllegalStateException(path + ": content is not available here (" + (content == null
                        ? "not a regular file" : finished ? "visit is over" : "wantsContent() said false") + ")");
            }
            if (opened) {
                throw new IllegalStateException(path + ": content can be read once");
            }
            opened = true;
            return new FilterInputStream(content) {
                @Override
                public void close() {
                    // the tar stream belongs to the reader
                }

                @Override
                public int read() throws IOException {
                    check();
                    try {
                        return super.read();
                    } catch (IOException e) {
                        throw malformed(e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    check();
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        throw malformed(e);
                    }
                }

                private void check() {
                    if (finished) {
                        throw new IllegalStateException(path + ": content read after the visit");
                    }
                }
            };
        }

        /**
         * A failure of the tar stream inside this entry's content: the layer is cut or corrupt, which is bad input
         * (exit 3) whoever is reading. Limits and corrupt compressed data pass through to {@link #read}, which
         * names them; anything else becomes an InputException, unchecked so that visitors that handle their own
         * I/O errors do not swallow it.
         */
        private IOException malformed(IOException e) {
            if (e instanceof LimitedInputStream.LimitExceededException || e instanceof ZipException
                    || e instanceof EOFException || e instanceof com.github.luben.zstd.ZstdIOException) {
                return e;
            }
            throw new InputException(imageName, where + ": malformed tar in the content of " + path + " ("
                    + e.getMessage() + ")", e);
        }

        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    /** Reports stored bytes to a progress task in 1 MiB steps. */
    private static final class ProgressStream extends FilterInputStream {
        private final Progress.Task task;
        private long pending;

        ProgressStream(InputStream in, Progress.Task task) {
            super(in);
            this.task = task;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            pending += n;
            if (pending >= 1 << 20) {
                task.advance(pending);
                pending = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (pending > 0) {
                task.advance(pending);
                pending = 0;
            }
            super.close();
        }
    }
}
