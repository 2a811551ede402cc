package dev.bulwark.runtime.scap;

import java.nio.charset.StandardCharsets;

/**
 * One event of a capture: header fields plus its parameters, kept as slices of the block's bytes and decoded on
 * demand (most parameters of most events are never looked at).
 *
 * @param num the event's one-based number in the capture
 * @param ts nanoseconds since the epoch
 * @param tid the thread that produced it
 * @param cpu the CPU it was captured on
 * @param info the event type
 * @param data the block bytes holding the parameters
 * @param offsets start of each parameter in {@code data}
 * @param lengths length of each parameter
 */
public record ScapEvent(long num, long ts, long tid, int cpu, EventTable.EventInfo info, byte[] data, int[] offsets,
                        int[] lengths) {

    public int type() {
        return info.code();
    }

    public int paramCount() {
        return offsets.length;
    }

    /** The parameter's type, or {@code null} when the event has fewer parameters (older capture format). */
    public ParamType paramType(int i) {
        return i < offsets.length && i < info.params().size() ? info.params().get(i).type() : null;
    }

    /** An integer parameter (sign-extended for signed types), or {@code null} when absent. */
    public Long paramLong(int i) {
        if (i < 0 || i >= offsets.length) {
            return null;
        }
        int len = lengths[i];
        int off = offsets[i];
        ParamType type = paramType(i);
        long v = switch (len) {
            case 1 -> type != null && type.isSigned() ? data[off] : data[off] & 0xffL;
            case 2 -> {
                int x = (data[off] & 0xff) | (data[off + 1] & 0xff) << 8;
                yield type != null && type.isSigned() ? (short) x : x;
            }
            case 4 -> {
                long x = (data[off] & 0xffL) | (data[off + 1] & 0xffL) << 8 | (data[off + 2] & 0xffL) << 16
                        | (data[off + 3] & 0xffL) << 24;
                yield type != null && type.isSigned() ? (int) x : x;
            }
            case 8 -> readLong(data, off);
            default -> Long.MIN_VALUE;
        };
        return v == Long.MIN_VALUE && len != 8 ? null : v;
    }

    /** A text parameter without its trailing NUL, or {@code null} when absent. */
    public String paramString(int i) {
        if (i < 0 || i >= offsets.length) {
            return null;
        }
        int len = lengths[i];
        int off = offsets[i];
        while (len > 0 && data[off + len - 1] == 0) {
            len--;
        }
        return new String(data, off, len, StandardCharsets.UTF_8);
    }

    /** The raw bytes of a parameter. */
    public byte[] paramBytes(int i) {
        if (i < 0 || i >= offsets.length) {
            return null;
        }
        byte[] out = new byte[lengths[i]];
        System.arraycopy(data, offsets[i], out, 0, lengths[i]);
        return out;
    }

    public int paramLength(int i) {
        return i < offsets.length ? lengths[i] : -1;
    }

    public int paramOffset(int i) {
        return offsets[i];
    }

    /** Index of the parameter called {@code name}, or -1. */
    public int paramIndex(String name) {
        int i = info.paramIndex(name);
        return i < offsets.length ? i : -1;
    }

    static long readLong(byte[] data, int off) {
        return (data[off] & 0xffL) | (data[off + 1] & 0xffL) << 8 | (data[off + 2] & 0xffL) << 16
                | (data[off + 3] & 0xffL) << 24 | (data[off + 4] & 0xffL) << 32 | (data[off + 5] & 0xffL) << 40
                | (data[off + 6] & 0xffL) << 48 | (data[off + 7] & 0xffL) << 56;
    }
}
