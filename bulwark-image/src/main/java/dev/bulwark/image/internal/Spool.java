package dev.bulwark.image.internal;

import dev.bulwark.core.InputException;
import dev.bulwark.image.ImageLimits;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A compressed image archive decompressed into one file in the cache directory, because a compressed tar cannot be
 * read with random access and a docker-archive names its layers only in a {@code manifest.json} stored after them.
 *
 * <p>Ranges of the file can be read while it is still being written: a reader waits for the bytes it needs, so that
 * a layer can be read as soon as it has streamed past instead of after the whole archive (see
 * {@link #fill(EntryListener)}). Decompression is bounded by the image limits, judged on the compressed bytes consumed
 * so far, so a bomb stops before it fills the disk.
 */
public final class Spool implements AutoCloseable {

    /** Told about each regular file of the archive's tar as soon as its first bytes have been written. */
    @FunctionalInterface
    public interface EntryListener {
        /**
         * @param name the entry's name as stored
         * @param dataOffset where its content starts in the spool file
         * @param size its content's length
         * @param head its first bytes (up to 512), for recognising what it is
         */
        void entry(String name, long dataOffset, long size, byte[] head) throws IOException;
    }

    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int HEAD_BYTES = 512;

    private final Path archive;
    private final Path file;
    private final ImageLimits limits;
    private final FileChannel reading;
    private final Object lock = new Object();
    private long written;
    private boolean finished;
    private IOException failure;

    private Spool(Path archive, Path file, ImageLimits limits) throws IOException {
        this.archive = archive;
        this.file = file;
        this.limits = limits;
        this.reading = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** An empty spool file for {@code archive} in {@code directory}; {@link #fill} writes it. */
    public static Spool create(Path archive, Path directory, ImageLimits limits) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "archive-", ".tar");
        try {
            return new Spool(archive, file, limits);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Decompresses the whole archive into the file on the calling thread (inflating runs a few chunks ahead on a
     * thread of its own). When {@code listener} is not null, the archive's tar headers are parsed on the way and
     * each regular file is announced once its first bytes are written; a tar the parser cannot follow only ends the
     * announcements (whoever opens the spool judges the tar).
     *
     * @throws InputException when the archive is corrupt, truncated or exceeds the limits; readers waiting on the
     *     spool then fail too
     */
    public void fill(EntryListener listener) throws IOException {
        // The ratio is judged on the compressed bytes consumed so far, not on the file's size: a bomb is stopped
        // once it has expanded past the grace bytes, before it fills the cache directory.
        long[] consumed = {0};
        try (InputStream compressed = Files.newInputStream(archive);
             FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            InputStream counted = new FilterInputStream(compressed) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    consumed[0] += b >= 0 ? 1 : 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    consumed[0] += Math.max(n, 0);
                    return n;
                }
            };
            Compression.Decompressing decompressing = Compression.open(counted);
            try (InputStream in = new LimitedInputStream(decompressing.stream(), limits.maxTotalBytes(),
                    limits.maxCompressionRatio(), limits.ratioGraceBytes(),
                    () -> consumed[0] - decompressing.unconsumed().getAsLong());
                 ReadAheadInputStream ahead = new ReadAheadInputStream(in, 8, CHUNK_BYTES, "bulwark-spool")) {
                Writing writing = new Writing(ahead, out);
                if (listener != null) {
                    announceEntries(writing, listener);
                }
                writing.drain();
            }
            synchronized (lock) {
                finished = true;
                lock.notifyAll();
            }
        } catch (LimitedInputStream.LimitExceededException e) {
            throw fail(new InputException(archive.toString(), e.getMessage(), e));
        } catch (ZipException | EOFException | com.github.luben.zstd.ZstdIOException e) {
            throw fail(new InputException(archive.toString(), "truncated or corrupt compressed archive ("
                    + e.getMessage() + ")", e));
        } catch (IOException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            throw fail(e);
        } catch (Error e) {
            throw fail(e);
        }
    }

    private void announceEntries(Writing writing, EntryListener listener) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(writing, StandardCharsets.UTF_8.name());
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                if (writing.sourceFailure != null) {
                    throw writing.sourceFailure;
                }
                return; // not a tar this parser can follow: the rest is copied, and the spool's reader judges it
            }
            if (entry == null) {
                return;
            }
            if (entry.isFile() && !entry.isSparse() && entry.getSize() >= HEAD_BYTES) {
                long offset = writing.count;
                byte[] head = tar.readNBytes(HEAD_BYTES);
                if (writing.sourceFailure != null) {
                    throw writing.sourceFailure;
                }
                listener.entry(entry.getName(), offset, entry.getSize(), head);
            }
        }
    }

    private <T extends Throwable> T fail(T error) {
        synchronized (lock) {
            if (!finished && failure == null) {
                failure = error instanceof IOException io ? io
                        : new IOException("decompressing " + archive + " failed (" + error + ")", error);
                lock.notifyAll();
            }
        }
        return error;
    }

    /**
     * Reads {@code length} bytes of the spool from {@code offset}, waiting for bytes not yet written; fails when the
     * spool fails, and with an {@link EOFException} when it ends early.
     */
    public InputStream range(long offset, long length) {
        return new RangeStream(offset, length);
    }

    /** Copies what it reads into the spool file and publishes it to the readers. */
    private final class Writing extends InputStream {
        private final InputStream source;
        private final FileChannel out;
        private long count;
        private IOException sourceFailure;

        Writing(InputStream source, FileChannel out) {
            this.source = source;
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = source.read(buffer, offset, length);
            } catch (IOException e) {
                sourceFailure = e;
                throw e;
            }
            if (n > 0) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                count += n;
                synchronized (lock) {
                    written = count;
                    lock.notifyAll();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return ReadingSkip.skip(this, n, CHUNK_BYTES);
        }

        void drain() throws IOException {
            byte[] scratch = new byte[CHUNK_BYTES];
            while (read(scratch, 0, scratch.length) >= 0) {
                // read() writes and publishes
            }
        }
    }

    /** A range of the spool whose reads wait for bytes not yet written. */
    private final class RangeStream extends ChannelRangeInputStream {

        RangeStream(long offset, long length) {
            super(reading, file.toString(), offset, length);
        }

        @Override
        protected long readableEnd(long wanted) throws IOException {
            synchronized (lock) {
                while (written <= wanted) {
                    if (failure != null) {
                        throw new IOException("the archive could not be decompressed: " + failure.getMessage(),
                                failure);
                    }
                    if (finished) {
                        throw new EOFException(archive + ": the archive ends inside an entry");
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for " + archive);
                    }
                }
                return written;
            }
        }

        @Override
        protected long readableNow() {
            synchronized (lock) {
                return written;
            }
        }
    }

    /** Closes the reading channel and deletes the file. */
    @Override
    public void close() {
        try {
            reading.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
