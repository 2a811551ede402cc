package dev.bulwark.runtime.live;

import dev.bulwark.runtime.sys.Libc;
import dev.bulwark.runtime.sys.NativeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux process connector: a {@code NETLINK_CONNECTOR} socket subscribed to {@code CN_IDX_PROC}, over which the
 * kernel reports every fork, exec and exit on the machine (no kernel module, no eBPF). It needs
 * {@code CAP_NET_ADMIN} in the initial user and network namespaces; {@link #open} throws a {@link NativeException}
 * with the reason when that is missing. Messages the kernel could not queue because the reader was slow are lost and
 * reported by {@link #overruns()}. Use from one thread.
 */
final class ProcConnector implements AutoCloseable {

    private static final int CN_IDX_PROC = 1;
    private static final int CN_VAL_PROC = 1;
    private static final int PROC_CN_MCAST_LISTEN = 1;
    private static final int PROC_CN_MCAST_IGNORE = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLMSG_HDRLEN = 16;
    private static final int CN_MSG_LEN = 20;
    private static final int MSG_DONTWAIT = 0x40;

    static final long PROC_EVENT_FORK = 0x1;
    static final long PROC_EVENT_EXEC = 0x2;
    static final long PROC_EVENT_EXIT = 0x80000000L;

    private final Libc libc;
    private final int fd;
    private final MemorySegment buffer;
    private long overruns;

    private ProcConnector(Libc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
        this.buffer = libc.arena().allocate(1 << 16);
    }

    /** Opens the socket, joins the process events group and subscribes. */
    static ProcConnector open(Libc libc) {
        int fd = libc.socket(Libc.AF_NETLINK, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.NETLINK_CONNECTOR);
        try {
            MemorySegment addr = libc.arena().allocate(12, 4);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            addr.set(ValueLayout.JAVA_INT, 4, 0);
            addr.set(ValueLayout.JAVA_INT, 8, CN_IDX_PROC);
            libc.bind(fd, addr);
            try {
                libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 8 << 20);
            } catch (NativeException ignored) {
                // the default buffer works, with more overruns under load
            }
            ProcConnector connector = new ProcConnector(libc, fd);
            connector.control(PROC_CN_MCAST_LISTEN);
            return connector;
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private void control(int op) {
        MemorySegment msg = libc.arena().allocate(NLMSG_HDRLEN + CN_MSG_LEN + 4, 4);
        msg.set(ValueLayout.JAVA_INT, 0, NLMSG_HDRLEN + CN_MSG_LEN + 4);
        msg.set(ValueLayout.JAVA_SHORT, 4, (short) NLMSG_DONE);
        msg.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        msg.set(ValueLayout.JAVA_INT, 8, 0);
        msg.set(ValueLayout.JAVA_INT, 12, Libc.getpid());
        msg.set(ValueLayout.JAVA_INT, 16, CN_IDX_PROC);
        msg.set(ValueLayout.JAVA_INT, 20, CN_VAL_PROC);
        msg.set(ValueLayout.JAVA_INT, 24, 0);
        msg.set(ValueLayout.JAVA_INT, 28, 0);
        msg.set(ValueLayout.JAVA_SHORT, 32, (short) 4);
        msg.set(ValueLayout.JAVA_SHORT, 34, (short) 0);
        msg.set(ValueLayout.JAVA_INT, 36, op);
        libc.send(fd, msg, msg.byteSize());
    }

    int fd() {
        return fd;
    }

    /** Kernel messages lost because the socket buffer was full (ENOBUFS). */
    long overruns() {
        return overruns;
    }

    /** The events of every message waiting now (empty when none). */
    List<ProcEvent> drain() {
        List<ProcEvent> out = new ArrayList<>();
        while (true) {
            long n = libc.recv(fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
            if (n < 0) {
                int errno = libc.lastErrno();
                if (errno == Libc.ENOBUFS) {
                    overruns++;
                    continue;
                }
                if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
                    return out;
                }
                throw new NativeException("recv(netlink)", errno);
            }
            if (n == 0) {
                return out;
            }
            parse(buffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder()), out);
        }
    }

    /** Parses the netlink messages of one datagram. */
    static void parse(ByteBuffer b, List<ProcEvent> out) {
        int pos = 0;
        while (pos + NLMSG_HDRLEN <= b.limit()) {
            int len = b.getInt(pos);
            if (len < NLMSG_HDRLEN || pos + len > b.limit()) {
                return;
            }
            int payload = pos + NLMSG_HDRLEN;
            if (len >= NLMSG_HDRLEN + CN_MSG_LEN + 16 && b.getInt(payload) == CN_IDX_PROC) {
                out.add(event(b, payload + CN_MSG_LEN));
            }
            pos += (len + 3) & ~3;
        }
    }

    /** {@code struct proc_event}: what, cpu, timestamp, then the union for that kind. */
    private static ProcEvent event(ByteBuffer b, int at) {
        long what = b.getInt(at) & 0xffffffffL;
        int data = at + 16;
        if (what == PROC_EVENT_FORK && data + 16 <= b.limit()) {
            return new ProcEvent.Fork(u32(b, data), u32(b, data + 4), u32(b, data + 8), u32(b, data + 12));
        }
        if (what == PROC_EVENT_EXEC && data + 8 <= b.limit()) {
            return new ProcEvent.Exec(u32(b, data), u32(b, data + 4));
        }
        if (what == PROC_EVENT_EXIT && data + 12 <= b.limit()) {
            return new ProcEvent.Exit(u32(b, data), u32(b, data + 4), u32(b, data + 8));
        }
        return new ProcEvent.Other(what);
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }

    @Override
    public void close() {
        try {
            control(PROC_CN_MCAST_IGNORE);
        } catch (NativeException ignored) {
            // closing anyway
        }
        libc.close(fd);
    }
}
