package dev.bulwark.runtime.live;

import dev.bulwark.runtime.scap.EventTable;
import dev.bulwark.runtime.scap.ParamType;
import dev.bulwark.runtime.scap.ScapEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds capture events (the same {@link ScapEvent}s a {@code .scap} file yields) from what the live sensor learns,
 * so the state tracker and the rules treat live activity exactly like a replayed capture. Parameters are encoded as
 * libscap does: integers little-endian in their type's width, text NUL-terminated, byte buffers as they are; trailing
 * parameters may be left out (older event versions do the same).
 */
final class EventEncoder {

    /** Event codes of the current libscap versions used here. */
    static final int CLONE_20_X = 223;
    static final int PROCEXIT_1_E = 186;
    static final int EXECVE_19_E = 292;
    static final int EXECVE_19_X = 293;
    static final int OPENAT_2_X = 307;
    static final int UNLINKAT_2_X = 303;
    static final int RENAMEAT2_X = 319;

    private final EventTable table = EventTable.get();
    private long num;

    /** An event of type {@code code}; {@code params} are Long/Integer, String or byte[] in the table's order. */
    ScapEvent encode(int code, long ts, long tid, Object... params) {
        EventTable.EventInfo info = table.event(code);
        if (info == null || params.length > info.params().size()) {
            throw new IllegalArgumentException("event " + code + " cannot take " + params.length + " parameters");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream(128);
        int[] offsets = new int[params.length];
        int[] lengths = new int[params.length];
        for (int i = 0; i < params.length; i++) {
            byte[] bytes = encode(info.params().get(i).type(), params[i]);
            offsets[i] = data.size();
            lengths[i] = bytes.length;
            data.write(bytes, 0, bytes.length);
        }
        return new ScapEvent(++num, ts, tid, 0, info, data.toByteArray(), offsets, lengths);
    }

    private static byte[] encode(ParamType type, Object value) {
        return switch (value) {
            case String s -> type.isString() ? nulTerminated(s) : s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b;
            case Number n -> littleEndian(n.longValue(), width(type));
            default -> throw new IllegalArgumentException("cannot encode " + value);
        };
    }

    private static int width(ParamType type) {
        return switch (type) {
            case INT8, UINT8, FLAGS8, SIGTYPE, L4PROTO, SOCKFAMILY -> 1;
            case INT16, UINT16, FLAGS16, PORT, SYSCALLID -> 2;
            case INT32, UINT32, FLAGS32, UID, GID, MODE, BOOL, IPV4ADDR, SIGSET -> 4;
            default -> 8;
        };
    }

    private static byte[] littleEndian(long v, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    private static byte[] nulTerminated(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    /** Strings joined with NUL separators (argument and environment vectors, cgroup lists). */
    static byte[] nulJoined(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String item : items) {
            byte[] b = item.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }
        return out.toByteArray();
    }
}
