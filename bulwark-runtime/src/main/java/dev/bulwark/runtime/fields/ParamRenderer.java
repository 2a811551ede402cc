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

    /**
     * A parameter as libsinsp prints it: {@code text} is the value itself ({@code 3}, {@code -2}, {@code 0644}),
     * {@code resolved} what it refers to, or empty ({@code <f>/etc/passwd}, {@code ENOENT}, {@code root},
     * {@code O_RDONLY|O_CLOEXEC}, a relative path made absolute).
     */
    record Text(String text, String resolved) {

        /** What {@code evt.arg.NAME} yields: the resolved form when there is one. */
        String preferred() {
            return resolved.isEmpty() ? text : resolved;
        }
    }

    /** The resolved text of parameter {@code i} ({@code evt.arg.NAME}), or {@code null} when the event has none. */
    static String render(SyscallEvent e, int i) {
        Text text = text(e, i);
        return text == null ? null : text.preferred();
    }

    /** Parameter {@code i} as value and resolved text, or {@code null} when the event has no such parameter. */
    static Text text(SyscallEvent e, int i) {
        ScapEvent raw = e.raw();
        if (i < 0 || i >= raw.paramCount() || i >= raw.info().params().size()) {
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
                if (fd < 0) {
                    return new Text(String.valueOf(fd), Errno.name(fd));
                }
                ThreadInfo t = e.thread();
                FdInfo info = t == null ? null : t.fdTable().get(fd);
                return new Text(String.valueOf(fd), info == null ? "" : "<" + typeTag(info) + ">" + info.name());
            }
            case ERRNO -> {
                Long v = raw.paramLong(i);
                return v == null ? null : new Text(String.valueOf(v), v < 0 ? Errno.name(v) : "");
            }
            case PID -> {
                Long v = raw.paramLong(i);
                if (v == null) {
                    return null;
                }
                ThreadInfo t = v < 0 ? null : e.state().thread(v);
                return new Text(String.valueOf(v), t == null || t.comm() == null ? "" : t.comm());
            }
            case UID -> {
                Long v = raw.paramLong(i);
                if (v == null) {
                    return null;
                }
                String name = e.state().userName(v);
                return new Text(String.valueOf(v), name == null ? "" : name);
            }
            case GID -> {
                Long v = raw.paramLong(i);
                if (v == null) {
                    return null;
                }
                String name = e.state().groupName(v);
                return new Text(String.valueOf(v), name == null ? "" : name);
            }
            case FLAGS8, FLAGS16, FLAGS32 -> {
                Long v = raw.paramLong(i);
                return v == null ? null : new Text(String.valueOf(v), flags(param.flagNames(), v));
            }
            case MODE -> {
                Long v = raw.paramLong(i);
                return v == null ? null : new Text(v == 0 ? "0" : "0" + Long.toOctalString(v),
                        flags(param.flagNames(), v));
            }
            case SIGTYPE -> {
                Long v = raw.paramLong(i);
                return v == null ? null : new Text(String.valueOf(v), signal(v));
            }
            case SOCKADDR -> {
                String s = SocketAddresses.sockaddrToString(raw, i);
                return s == null ? null : new Text(s, "");
            }
            case FDLIST -> {
                return new Text(fdList(e, raw, i), "");
            }
            case SOCKTUPLE -> {
                return new Text(tuple(raw, i), "");
            }
            case CHARBUF, FSRELPATH -> {
                String s = raw.paramString(i);
                return s == null ? null : new Text(s, "");
            }
            case FSPATH -> {
                String s = raw.paramString(i);
                return s == null ? null : new Text(s, absolute(e, s));
            }
            case BYTEBUF -> {
                String s = printable(raw.paramBytes(i));
                return s == null ? null : new Text(s, "");
            }
            case SYSCALLID -> {
                Long v = raw.paramLong(i);
                String name = v == null ? null : EventTable.get().syscallName(v.intValue());
                return v == null ? null : new Text(name == null ? String.valueOf(v) : name, "");
            }
            case IPV4ADDR -> {
                byte[] b = raw.paramBytes(i);
                return b.length == 4 ? new Text(SocketAddresses.ipToString(b), "") : null;
            }
            default -> {
                if (type.isInteger()) {
                    Long v = raw.paramLong(i);
                    return v == null ? null : new Text(integer(e, param, v), "");
                }
                String s = printable(raw.paramBytes(i));
                return s == null ? null : new Text(s, "");
            }
        }
    }

    /**
     * Integers in the print format of the event table: the file-creation {@code mode} in octal, {@code ioctl}
     * requests, addresses, device numbers and the results of {@code brk}/{@code mmap} in upper-case hexadecimal, as
     * libsinsp prints them; the rest in decimal.
     */
    private static String integer(SyscallEvent e, EventTable.Param param, long v) {
        return switch (param.name()) {
            case "mode" -> v == 0 ? "0" : "0" + Long.toOctalString(v);
            case "dev", "addr", "argument" -> Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            case "res" -> param.type() == ParamType.UINT64 ? Long.toHexString(v).toUpperCase(java.util.Locale.ROOT)
                    : String.valueOf(v);
            case "request" -> e.typeName().equals("ioctl") ? Long.toHexString(v).toUpperCase(java.util.Locale.ROOT)
                    : String.valueOf(v);
            default -> String.valueOf(v);
        };
    }

    private static final String[] SIGNALS = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    /** The Linux signal name of {@code n}, or empty. */
    private static String signal(long n) {
        return n > 0 && n < SIGNALS.length ? SIGNALS[(int) n] : "";
    }

    /** {@code poll}'s descriptors: {@code fd:TF} per entry, T the fd's type character ({@code ?} unknown), F the events. */
    private static String fdList(SyscallEvent e, ScapEvent raw, int i) {
        int len = raw.paramLength(i);
        if (len < 2) {
            return "";
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw.data(), raw.paramOffset(i), len)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int count = b.getShort() & 0xffff;
        StringBuilder out = new StringBuilder();
        ThreadInfo t = e.thread();
        for (int n = 0; n < count && b.remaining() >= 10; n++) {
            long fd = b.getLong();
            int flags = b.getShort();
            FdInfo info = t == null ? null : t.fdTable().get(fd);
            if (n > 0) {
                out.append(' ');
            }
            out.append(fd).append(':').append(info == null ? '?' : info.kind().typechar())
                    .append(Integer.toHexString(flags));
        }
        return out.toString();
    }

    /** {@code <f>}, or for IP sockets the type and the transport ({@code <4t>}, {@code <6u>}), as libsinsp tags fds. */
    private static String typeTag(FdInfo info) {
        char type = info.kind().typechar();
        if (info.kind() != FdInfo.Kind.IPV4 && info.kind() != FdInfo.Kind.IPV6) {
            return String.valueOf(type);
        }
        return switch (info.l4proto()) {
            case 6 -> type + "t";
            case 17 -> type + "u";
            case 1 -> type + "i";
            case 255 -> type + "r";
            default -> String.valueOf(type);
        };
    }

    /** A relative path joined to the thread's working directory and normalised; empty for absolute paths. */
    private static String absolute(SyscallEvent e, String path) {
        if (path.isEmpty() || path.startsWith("/") || e.thread() == null || e.thread().cwd() == null
                || e.thread().cwd().isEmpty()) {
            return "";
        }
        return e.state().absolutePath(e.thread(), path);
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
