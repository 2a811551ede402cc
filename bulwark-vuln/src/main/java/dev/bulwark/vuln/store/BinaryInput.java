package dev.bulwark.vuln.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryOutput} wrote. Every read is bounds-checked: a damaged value gives a
 * {@link MalformedDataException}, never a wrong value or an out-of-memory.
 */
final class BinaryInput {

    private final byte[] buf;
    private int pos;

    BinaryInput(byte[] buf) {
        this.buf = buf;
    }

    int readByte() {
        if (pos >= buf.length) {
            throw new MalformedDataException("value ends early at byte " + pos);
        }
        return buf[pos++] & 0xFF;
    }

    long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new MalformedDataException("varint longer than 10 bytes at byte " + pos);
    }

    /** A count or length, checked against the bytes left so that a damaged one cannot allocate much. */
    int readCount() {
        long n = readVarint();
        if (n < 0 || n > buf.length - pos) { // a varint with the top bit set reads as negative
            throw new MalformedDataException("count " + n + " exceeds the " + (buf.length - pos) + " bytes left");
        }
        return (int) n;
    }

    byte[] readBytes() {
        int n = readCount();
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    String readString() {
        int n = readCount();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    List<String> readStrings() {
        int n = readCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString());
        }
        return out;
    }

    Instant readInstant() {
        int present = readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new MalformedDataException("bad instant flag " + present);
        }
        long z = readVarint();
        long seconds = (z >>> 1) ^ -(z & 1);
        long nanos = readVarint();
        if (nanos >= 1_000_000_000L) {
            throw new MalformedDataException("bad nanoseconds " + nanos);
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw new MalformedDataException("instant out of range");
        }
    }

    /** Fails unless every byte was read (a value with trailing bytes is as damaged as a short one). */
    void expectEnd() {
        if (pos != buf.length) {
            throw new MalformedDataException((buf.length - pos) + " unread bytes at the end of the value");
        }
    }
}
