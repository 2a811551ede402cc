package dev.bulwark.runtime.fields;

import dev.bulwark.runtime.scap.EventTable;
import dev.bulwark.runtime.scap.ParamType;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.SocketAddresses;
import dev.bulwark.runtime.state.FdInfo;
import dev.bulwark.runtime.state.SyscallEvent;
import dev.bulwark.runtime.state.ThreadInfo;
import java.util.Map;

/** Renders event parameters the way {@code evt.arg.*} and {@code evt.args} print them. */
final class ParamRenderer {

    private ParamRenderer() {
    }

    /** The resolved text of parameter {@code i} ({@code O_RDONLY|O_CLOEXEC}, {@code <f>/etc/passwd}, ...). */
    static String render(SyscallEvent e, int i) {
        ScapEvent raw = e.raw();
        if (i < 0 || i >= raw.paramCount()) {
            return null;
        }
        EventTable.Param param = raw.info().params().get(i);
        ParamType type = param.type();
        switch (type) {
            case FD -> {
                Long fd = raw.paramLong(i);
                if (fd == null) {
                    return null;
                }
                ThreadInfo t = e.thread();
                FdInfo info = t == null || fd < 0 ? null : t.fdTable().get(fd);
                return info == null ? String.valueOf(fd) : "<" + info.kind().typechar() + ">" + info.name();
            }
            case ERRNO -> {
                Long v = raw.paramLong(i);
                return v == null ? null : v < 0 ? Errno.name(v) : String.valueOf(v);
            }
            case FLAGS8, FLAGS16, FLAGS32 -> {
                Long v = raw.paramLong(i);
                return v == null ? null : flags(param.flagNames(), v);
            }
            case MODE -> {
                Long v = raw.paramLong(i);
                return v == null ? null : "0" + Long.toOctalString(v);
            }
            case SOCKADDR -> {
                return SocketAddresses.sockaddrToString(raw, i);
            }
            case SOCKTUPLE -> {
                return tuple(raw, i);
            }
            case CHARBUF, FSPATH, FSRELPATH -> {
                return raw.paramString(i);
            }
            case BYTEBUF -> {
                return printable(raw.paramBytes(i));
            }
            case SYSCALLID -> {
                Long v = raw.paramLong(i);
                String name = v == null ? null : EventTable.get().syscallName(v.intValue());
                return name == null ? String.valueOf(v) : name;
            }
            case IPV4ADDR -> {
                byte[] b = raw.paramBytes(i);
                return b.length == 4 ? SocketAddresses.ipToString(b) : null;
            }
            default -> {
                if (type.isInteger()) {
                    Long v = raw.paramLong(i);
                    return v == null ? null : String.valueOf(v);
                }
                return printable(raw.paramBytes(i));
            }
        }
    }

    /** The raw value of parameter {@code i}: a number for integer types, text otherwise. */
    static Object raw(SyscallEvent e, int i) {
        ScapEvent raw = e.raw();
        if (i < 0 || i >= raw.paramCount()) {
            return null;
        }
        ParamType type = raw.paramType(i);
        if (type != null && type.isInteger()) {
            return raw.paramLong(i);
        }
        if (type != null && type.isString()) {
            return raw.paramString(i);
        }
        return render(e, i);
    }

    static String flags(Map<Long, String> names, long value) {
        if (names == null) {
            return String.valueOf(value);
        }
        StringBuilder out = new StringBuilder();
        long remaining = value;
        for (var entry : names.entrySet()) {
            long bit = entry.getKey();
            boolean hit = bit == 0 ? value == 0 : (remaining & bit) == bit;
            if (hit) {
                if (!out.isEmpty()) {
                    out.append('|');
                }
                out.append(entry.getValue());
                remaining &= ~bit;
            }
        }
        return out.toString();
    }

    private static String tuple(ScapEvent raw, int i) {
        int len = raw.paramLength(i);
        if (len < 1) {
            return "";
        }
        byte[] b = raw.data();
        int off = raw.paramOffset(i);
        int family = b[off] & 0xff;
        if (family == 2 && len >= 13) {
            return SocketAddresses.endpoint(slice(b, off + 1, 4), port(b, off + 5)) + "->"
                    + SocketAddresses.endpoint(slice(b, off + 7, 4), port(b, off + 11));
        }
        if (family == 10 && len >= 37) {
            return SocketAddresses.endpoint(slice(b, off + 1, 16), port(b, off + 17)) + "->"
                    + SocketAddresses.endpoint(slice(b, off + 19, 16), port(b, off + 35));
        }
        if (family == 1 && len > 17) {
            int end = off + 17;
            while (end < off + len && b[end] != 0) {
                end++;
            }
            return new String(b, off + 17, end - off - 17, java.nio.charset.StandardCharsets.UTF_8);
        }
        return "";
    }

    private static int port(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    static String printable(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte value : bytes) {
            int c = value & 0xff;
            out.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        return out.toString();
    }
}
