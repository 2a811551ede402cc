package dev.bulwark.secret.internal;

import java.util.Arrays;

/** Offsets of line starts in a byte buffer, built once per file that has keyword hits, for line numbers and windows. */
public final class LineIndex {

    private final int[] starts;
    private final int count;
    private final int length;

    public LineIndex(byte[] bytes, int length) {
        int[] found = new int[64];
        int lines = 1;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                if (lines == found.length) {
                    found = Arrays.copyOf(found, lines * 2);
                }
                found[lines++] = i + 1;
            }
        }
        this.starts = found;
        this.count = lines;
        this.length = length;
    }

    /** 0-based line of an offset. */
    public int lineOf(int offset) {
        int index = Arrays.binarySearch(starts, 0, count, offset);
        return index >= 0 ? index : -index - 2;
    }

    public int lineStart(int line) {
        return starts[Math.min(line, count - 1)];
    }

    /** Offset just past the line's {@code \n} (or the end of the text). */
    public int lineEndInclusive(int line) {
        return line + 1 < count ? starts[line + 1] : length;
    }

    /** Offset of the line's {@code \n} (or the end of the text), i.e. the end of its content. */
    public int lineContentEnd(int line) {
        int end = lineEndInclusive(line);
        return end > lineStart(line) && line + 1 < count ? end - 1 : end;
    }

    public int lines() {
        return count;
    }
}
