package dev.bulwark.secret.internal;

import java.nio.charset.StandardCharsets;

/**
 * A file's bytes seen as ISO-8859-1 characters (one char per byte, so regex offsets are byte offsets and no decoding
 * copy is made), with a budget on how many characters a regex may read. A backtracking regex that explodes on
 * hostile input then stops with {@link BudgetExceeded} instead of hanging the scan.
 */
public final class BoundedText implements CharSequence {

    /** Thrown when a regex has read more characters than its budget allows. */
    public static final class BudgetExceeded extends RuntimeException {
        public BudgetExceeded() {
            super("regex work budget exceeded", null, false, false);
        }
    }

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final long[] used;
    private final long budget;

    public BoundedText(byte[] bytes, int length, long budget) {
        this(bytes, 0, length, new long[1], budget);
    }

    private BoundedText(byte[] bytes, int offset, int length, long[] used, long budget) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.used = used;
        this.budget = budget;
    }

    /** Starts a new budget (per rule and file). */
    public void resetBudget() {
        used[0] = 0;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++used[0] > budget) {
            throw new BudgetExceeded();
        }
        return (char) (bytes[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(bytes, offset + start, end - start, used, budget);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** The characters {@code [start, end)} as a string (no budget). */
    public String slice(int start, int end) {
        return new String(bytes, offset + start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The bytes {@code [start, end)} decoded as UTF-8, for showing a line to people. */
    public String displaySlice(int start, int end) {
        return new String(bytes, offset + start, end - start, StandardCharsets.UTF_8);
    }
}
