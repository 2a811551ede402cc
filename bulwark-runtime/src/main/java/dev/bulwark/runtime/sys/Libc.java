package dev.bulwark.runtime.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few Linux libc calls Bulwark needs and the JDK does not offer (netlink and unix datagram sockets, inotify,
 * poll), bound with the FFM API ({@code java.lang.foreign}): no JNI, no native build. Every call captures
 * {@code errno}; failures raise {@link NativeException} with the call's name and the error's name. One instance per
 * thread (the errno capture buffer is not shared).
 */
public final class Libc implements AutoCloseable {

    public static final int AF_UNIX = 1;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int NETLINK_CONNECTOR = 11;
    public static final int POLLIN = 1;
    public static final int IN_CLOEXEC = 0x80000;
    public static final int IN_NONBLOCK = 0x800;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EPERM = 1;
    public static final int ENOBUFS = 105;
    public static final int EPROTOTYPE = 91;
    public static final int EPROTONOSUPPORT = 93;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle CONNECT = bind("connect", FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(LONG, INT, ADDRESS, LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(INT, ADDRESS, LONG, INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(INT, INT, INT, INT, ADDRESS, INT));
    private static final MethodHandle INOTIFY_INIT1 = bind("inotify_init1", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle INOTIFY_ADD_WATCH = bind("inotify_add_watch",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle GETPID = LINKER.downcallHandle(LIBC.find("getpid").orElseThrow(),
            FunctionDescriptor.of(INT));

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(STATE);

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, ERRNO);
    }

    /** Scratch memory that lives as long as this instance. */
    public Arena arena() {
        return arena;
    }

    public int socket(int domain, int type, int protocol) {
        return check("socket", (int) call(() -> (int) SOCKET.invokeExact(state, domain, type, protocol)));
    }

    public void bind(int fd, MemorySegment address) {
        check("bind", (int) call(() -> (int) BIND.invokeExact(state, fd, address, (int) address.byteSize())));
    }

    public void connect(int fd, MemorySegment address) {
        check("connect", (int) call(() -> (int) CONNECT.invokeExact(state, fd, address, (int) address.byteSize())));
    }

    public long send(int fd, MemorySegment buffer, long length) {
        return checkLong("send", (long) call(() -> (long) SEND.invokeExact(state, fd, buffer, length, 0)));
    }

    /** Receives into {@code buffer}; -1 with {@link #lastErrno()} {@code EAGAIN} when nothing is there. */
    public long recv(int fd, MemorySegment buffer, long length, int flags) {
        return (long) call(() -> (long) RECV.invokeExact(state, fd, buffer, length, flags));
    }

    public long read(int fd, MemorySegment buffer, long length) {
        return (long) call(() -> (long) READ.invokeExact(state, fd, buffer, length));
    }

    public void close(int fd) {
        call(() -> (int) CLOSE.invokeExact(state, fd));
    }

    /** Waits up to {@code timeoutMillis} for {@code fd} to be readable; true when it is. */
    public boolean pollIn(int fd, int timeoutMillis) {
        MemorySegment pollfd = arena.allocate(8, 4);
        pollfd.set(INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
        int n = (int) call(() -> (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis));
        if (n < 0 && lastErrno() == EINTR) {
            return false;
        }
        check("poll", n);
        return n > 0 && (pollfd.get(ValueLayout.JAVA_SHORT, 6) & POLLIN) != 0;
    }

    /**
     * Waits up to {@code timeoutMillis} for any of {@code fds} to be readable.
     *
     * @return one flag per descriptor, true when it is readable
     */
    public boolean[] pollIn(int[] fds, int timeoutMillis) {
        MemorySegment pollfds = arena.allocate(8L * fds.length, 4);
        for (int i = 0; i < fds.length; i++) {
            pollfds.set(INT, 8L * i, fds[i]);
            pollfds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, (short) POLLIN);
        }
        int n = (int) call(() -> (int) POLL.invokeExact(state, pollfds, (long) fds.length, timeoutMillis));
        boolean[] ready = new boolean[fds.length];
        if (n < 0 && lastErrno() == EINTR) {
            return ready;
        }
        check("poll", n);
        for (int i = 0; i < fds.length; i++) {
            ready[i] = (pollfds.get(ValueLayout.JAVA_SHORT, 8L * i + 6) & POLLIN) != 0;
        }
        return ready;
    }

    public void setIntOption(int fd, int level, int option, int value) {
        MemorySegment v = arena.allocate(INT);
        v.set(INT, 0, value);
        check("setsockopt", (int) call(() -> (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, 4)));
    }

    public int inotifyInit(int flags) {
        return check("inotify_init1", (int) call(() -> (int) INOTIFY_INIT1.invokeExact(state, flags)));
    }

    /** Adds a watch; returns the watch descriptor. */
    public int inotifyAddWatch(int fd, String path, int mask) {
        MemorySegment p = arena.allocateFrom(path);
        return check("inotify_add_watch " + path,
                (int) call(() -> (int) INOTIFY_ADD_WATCH.invokeExact(state, fd, p, mask)));
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code struct sockaddr_un} for a filesystem path. */
    public MemorySegment unixAddress(String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length >= 108) {
            throw new IllegalArgumentException("unix socket path longer than 107 bytes: " + path);
        }
        MemorySegment addr = arena.allocate(110, 2);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, addr, ValueLayout.JAVA_BYTE, 2, bytes.length);
        return addr;
    }

    /** The errno of the last call. */
    public int lastErrno() {
        return (int) ERRNO_HANDLE.get(state, 0L);
    }

    private int check(String what, int result) {
        if (result < 0) {
            throw new NativeException(what, lastErrno());
        }
        return result;
    }

    private long checkLong(String what, long result) {
        if (result < 0) {
            throw new NativeException(what, lastErrno());
        }
        return result;
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Throwable;
    }

    private static Object call(Call call) {
        try {
            return call.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
