package dev.bulwark.image.internal;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        InputStream buffered = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, BUFFER);
        return switch (detect(buffered)) {
            case NONE -> buffered;
            case GZIP -> new GZIPInputStream(buffered, BUFFER);
            case ZSTD -> new ZstdInputStream(buffered);
        };
    }
}
