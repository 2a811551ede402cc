package dev.bulwark.image.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts decompressed bytes and stops the stream when a layer expands beyond its byte limit or its compression
 * ratio limit: the defence against decompression bombs, applied before the bytes reach any parser.
 */
public final class LimitedInputStream extends FilterInputStream {

    /** Thrown when a limit is exceeded; the reader turns it into an {@link dev.bulwark.core.InputException}. */
    public static final class LimitExceededException extends IOException {
        public LimitExceededException(String message) {
            super(message);
        }
    }

    private final long maxBytes;
    private final long maxRatio;
    private final long ratioGrace;
    private final LongSupplier compressedBytes;
    private long count;

    /**
     * @param maxBytes most bytes that may be read
     * @param maxRatio most decompressed bytes per compressed byte, checked once {@code ratioGrace} bytes were read
     * @param compressedBytes how many compressed bytes have been consumed so far
     */
    public LimitedInputStream(InputStream in, long maxBytes, long maxRatio, long ratioGrace,
                              LongSupplier compressedBytes) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
        this.ratioGrace = ratioGrace;
        this.compressedBytes = compressedBytes;
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

    @Override
    public long skip(long n) throws IOException {
        return ReadingSkip.skip(this, n, 8192);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(int n) throws LimitExceededException {
        count += n;
        if (count > maxBytes) {
            throw new LimitExceededException("expands to more than " + maxBytes + " bytes");
        }
        if (count > ratioGrace) {
            long compressed = Math.max(1, compressedBytes.getAsLong());
            if (count / compressed > maxRatio) {
                throw new LimitExceededException("compression ratio above " + maxRatio + ":1 (" + count
                        + " bytes from " + compressed + "); a decompression bomb?");
            }
        }
    }

    public long count() {
        return count;
    }
}
