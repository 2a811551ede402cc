package dev.bulwark.image.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code skip} for streams that must see every byte they pass over (to hash it, count it against a limit, or copy
 * it): the bytes are read through the stream's own {@code read}, never skipped underneath it.
 */
final class ReadingSkip {

    private ReadingSkip() {
    }

    /** Reads up to {@code n} bytes of {@code stream} in {@code bufferBytes} pieces; returns how many were read. */
    static long skip(InputStream stream, long n, int bufferBytes) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(bufferBytes, n)];
        long skipped = 0;
        while (skipped < n) {
            int r = stream.read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
