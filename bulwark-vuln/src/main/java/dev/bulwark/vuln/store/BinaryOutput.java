package dev.bulwark.vuln.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Appends the primitives of the stored binary forms ({@link EntryCodec}, {@link AdvisoryCodec}): unsigned LEB128
 * varints, length-prefixed UTF-8 strings and byte arrays, optional instants. {@link BinaryInput} reads them back.
 */
final class BinaryOutput {

    private byte[] buf;
    private int size;

    BinaryOutput(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** An unsigned varint (7 bits a byte, low bits first). */
    void writeVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void writeBytes(byte[] bytes) {
        writeVarint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void writeString(String s) {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeStrings(List<String> strings) {
        writeVarint(strings.size());
        for (String s : strings) {
            writeString(s);
        }
    }

    /** A present flag, then seconds (zig-zag) and nanoseconds. */
    void writeInstant(Instant instant) {
        if (instant == null) {
            writeByte(0);
            return;
        }
        writeByte(1);
        long s = instant.getEpochSecond();
        writeVarint((s << 1) ^ (s >> 63));
        writeVarint(instant.getNano());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
