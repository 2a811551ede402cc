package dev.bulwark.image.internal;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

/**
 * Recognises how a stream is compressed from its first bytes (not from media types or file names, which lie) and
 * opens the decompressing stream.
 */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    private static final int BUFFER = 64 * 1024;

    /** Detects the compression of {@code in}, which must support mark/reset. */
    public static Compression detect(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Wraps {@code raw} in a buffered stream and the decompressor its first bytes call for. */
    public static InputStream decompress(InputStream raw) throws IOException {
        return open(raw).stream();
    }

    /**
     * A decompressing stream and the number of compressed bytes it has taken from below but not yet used (held in
     * its input buffer), so that a ratio limit can judge the bytes really consumed.
     */
    public record Decompressing(InputStream stream, LongSupplier unconsumed) {
    }

    /**
     * Opens the decompressor that the first bytes of {@code raw} call for. Gzip reads {@code raw} directly (no
     * buffer in between), so compressed bytes read from {@code raw} minus {@link Decompressing#unconsumed()} are the
     * bytes inflated so far, exactly: a gzip bomb at deflate's maximum ratio (1032:1) is then recognised as soon as
     * the ratio limit applies, instead of after gigabytes hidden by read-ahead.
     */
    public static Decompressing open(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] magic = in.readNBytes(4);
        in.unread(magic);
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            CountingGzip gzip = new CountingGzip(in);
            return new Decompressing(gzip, gzip::unconsumed);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new Decompressing(new ZstdInputStream(new BufferedInputStream(in, BUFFER)), () -> 0);
        }
        return new Decompressing(new BufferedInputStream(in, BUFFER), () -> 0);
    }

    /** Gzip (concatenated members too) that tells how much of its input buffer the inflater has not used yet. */
    private static final class CountingGzip extends GZIPInputStream {
        CountingGzip(InputStream in) throws IOException {
            super(in, BUFFER);
        }

        long unconsumed() {
            return inf.getRemaining();
        }
    }
}
