package dev.bulwark.sbom.analyzer.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an rpm header blob as rpm stores it in every database backend: {@code il} index entries and {@code dl}
 * bytes of data (both big-endian int32), then {@code il} entries of (tag, type, offset, count), then the data. Every
 * offset and count is bounds-checked, so a corrupt blob fails with a {@link MalformedHeaderException} instead of
 * reading garbage.
 */
public final class RpmHeaderParser {

    static final int TAG_NAME = 1000;
    static final int TAG_VERSION = 1001;
    static final int TAG_RELEASE = 1002;
    static final int TAG_EPOCH = 1003;
    static final int TAG_LICENSE = 1014;
    static final int TAG_ARCH = 1022;
    static final int TAG_OLDFILENAMES = 1027;
    static final int TAG_SOURCERPM = 1044;
    static final int TAG_DIRINDEXES = 1116;
    static final int TAG_BASENAMES = 1117;
    static final int TAG_DIRNAMES = 1118;
    static final int TAG_MODULARITYLABEL = 5096;

    static final int TYPE_INT32 = 4;
    static final int TYPE_STRING = 6;
    static final int TYPE_STRING_ARRAY = 8;
    static final int TYPE_I18NSTRING = 9;

    private static final int MAX_ENTRIES = 1 << 16;
    private static final int MAX_DATA = 256 << 20;

    /** The blob is not a valid rpm header. */
    public static final class MalformedHeaderException extends Exception {
        MalformedHeaderException(String message) {
            super(message);
        }
    }

    private RpmHeaderParser() {
    }

    public static RpmHeader parse(byte[] blob) throws MalformedHeaderException {
        if (blob.length < 8) {
            throw new MalformedHeaderException("header blob of " + blob.length + " bytes is too short");
        }
        ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
        int il = buf.getInt(0);
        int dl = buf.getInt(4);
        if (il <= 0 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA) {
            throw new MalformedHeaderException("implausible header sizes (il=" + il + ", dl=" + dl + ")");
        }
        long dataStart = 8L + 16L * il;
        if (dataStart + dl > blob.length) {
            throw new MalformedHeaderException("header blob truncated: needs " + (dataStart + dl) + " bytes, has "
                    + blob.length);
        }
        Map<Integer, int[]> entries = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int at = 8 + 16 * i;
            int tag = buf.getInt(at);
            int type = buf.getInt(at + 4);
            int offset = buf.getInt(at + 8);
            int count = buf.getInt(at + 12);
            if (offset < 0 || offset >= dl && count > 0 && type != 0 || count < 0) {
                throw new MalformedHeaderException("entry " + i + " (tag " + tag + ") points outside the data");
            }
            entries.putIfAbsent(tag, new int[] {type, offset, count});
        }
        Reader reader = new Reader(blob, (int) dataStart, dl, entries);
        String name = reader.string(TAG_NAME);
        String version = reader.string(TAG_VERSION);
        String release = reader.string(TAG_RELEASE);
        if (name == null || version == null || release == null) {
            throw new MalformedHeaderException("header without name, version or release");
        }
        int[] epochs = reader.ints(TAG_EPOCH);
        List<String> files = new ArrayList<>();
        List<String> basenames = reader.strings(TAG_BASENAMES);
        if (!basenames.isEmpty()) {
            List<String> dirnames = reader.strings(TAG_DIRNAMES);
            int[] dirindexes = reader.ints(TAG_DIRINDEXES);
            if (dirindexes.length != basenames.size()) {
                throw new MalformedHeaderException(name + ": " + basenames.size() + " file names but "
                        + dirindexes.length + " directory indexes");
            }
            for (int i = 0; i < basenames.size(); i++) {
                int dir = dirindexes[i];
                if (dir < 0 || dir >= dirnames.size()) {
                    throw new MalformedHeaderException(name + ": directory index " + dir + " out of range");
                }
                files.add(dirnames.get(dir) + basenames.get(i));
            }
        } else {
            files.addAll(reader.strings(TAG_OLDFILENAMES));
        }
        return new RpmHeader(name, epochs.length > 0 ? epochs[0] : null, version, release, reader.string(TAG_ARCH),
                reader.string(TAG_SOURCERPM), reader.string(TAG_LICENSE), reader.string(TAG_MODULARITYLABEL),
                files);
    }

    private record Reader(byte[] blob, int dataStart, int dataLength, Map<Integer, int[]> entries) {

        String string(int tag) throws MalformedHeaderException {
            int[] e = entries.get(tag);
            if (e == null) {
                return null;
            }
            if (e[0] != TYPE_STRING && e[0] != TYPE_I18NSTRING && e[0] != TYPE_STRING_ARRAY) {
                throw new MalformedHeaderException("tag " + tag + " has type " + e[0] + ", expected a string");
            }
            return stringAt(e[1]);
        }

        List<String> strings(int tag) throws MalformedHeaderException {
            int[] e = entries.get(tag);
            if (e == null) {
                return List.of();
            }
            if (e[0] != TYPE_STRING_ARRAY && e[0] != TYPE_I18NSTRING) {
                throw new MalformedHeaderException("tag " + tag + " has type " + e[0] + ", expected a string array");
            }
            List<String> result = new ArrayList<>(Math.min(e[2], 1 << 16));
            int offset = e[1];
            for (int i = 0; i < e[2]; i++) {
                int end = terminator(offset);
                result.add(new String(blob, dataStart + offset, end - offset, StandardCharsets.UTF_8));
                offset = end + 1;
            }
            return result;
        }

        int[] ints(int tag) throws MalformedHeaderException {
            int[] e = entries.get(tag);
            if (e == null) {
                return new int[0];
            }
            if (e[0] != TYPE_INT32) {
                throw new MalformedHeaderException("tag " + tag + " has type " + e[0] + ", expected int32");
            }
            if ((long) e[1] + 4L * e[2] > dataLength) {
                throw new MalformedHeaderException("tag " + tag + " runs past the data");
            }
            ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
            int[] values = new int[e[2]];
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getInt(dataStart + e[1] + 4 * i);
            }
            return values;
        }

        private String stringAt(int offset) throws MalformedHeaderException {
            int end = terminator(offset);
            return new String(blob, dataStart + offset, end - offset, StandardCharsets.UTF_8);
        }

        private int terminator(int offset) throws MalformedHeaderException {
            for (int i = offset; i < dataLength; i++) {
                if (blob[dataStart + i] == 0) {
                    return i;
                }
            }
            throw new MalformedHeaderException("unterminated string at data offset " + offset);
        }
    }
}
