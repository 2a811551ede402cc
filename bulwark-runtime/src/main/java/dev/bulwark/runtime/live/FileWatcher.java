package dev.bulwark.runtime.live;

import dev.bulwark.runtime.sys.Libc;
import dev.bulwark.runtime.sys.NativeException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * inotify watches on sensitive paths (a directory watches the entries directly in it, not below; a file watches
 * itself). Reports files closed after reading or writing, created, deleted and renamed. inotify says what happened
 * to which path but not which process did it; queue overflows are counted in {@link #overflows()}.
 */
final class FileWatcher implements AutoCloseable {

    static final int IN_MODIFY = 0x2;
    static final int IN_CLOSE_WRITE = 0x8;
    static final int IN_CLOSE_NOWRITE = 0x10;
    static final int IN_MOVED_FROM = 0x40;
    static final int IN_MOVED_TO = 0x80;
    static final int IN_CREATE = 0x100;
    static final int IN_DELETE = 0x200;
    static final int IN_Q_OVERFLOW = 0x4000;
    static final int IN_IGNORED = 0x8000;
    static final int IN_ISDIR = 0x40000000;
    private static final int MASK = IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE
            | IN_DELETE;

    /** What happened to a file. */
    enum Kind { READ, WRITE, CREATE, DELETE, RENAME }

    /** One file event; {@code from} is the old path of a rename, otherwise null. */
    record FileEvent(Kind kind, String path, String from) {
    }

    private final Libc libc;
    private final int fd;
    private final Map<Integer, String> watches = new HashMap<>();
    private MemorySegment buffer;
    private final Map<Long, String> pendingMoves = new HashMap<>();
    private long overflows;

    private FileWatcher(Libc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /** A watcher that only decodes records for the given watch descriptors (tests). */
    FileWatcher(Map<Integer, String> watches) {
        this(null, -1);
        this.watches.putAll(watches);
    }

    /**
     * Opens inotify and watches {@code paths}; a path that cannot be watched (missing, no permission) is reported
     * to {@code problems} and left out.
     *
     * @throws NativeException when inotify itself is unavailable
     */
    static FileWatcher open(Libc libc, List<Path> paths, Consumer<String> problems) {
        FileWatcher watcher = new FileWatcher(libc, libc.inotifyInit(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC));
        for (Path path : paths) {
            try {
                int wd = libc.inotifyAddWatch(watcher.fd, path.toString(), MASK);
                watcher.watches.put(wd, Files.isDirectory(path) ? path.toString() : "=" + path);
            } catch (NativeException e) {
                problems.accept("cannot watch " + path + ": " + e.getMessage());
            }
        }
        return watcher;
    }

    int fd() {
        return fd;
    }

    int watchCount() {
        return watches.size();
    }

    /** Times the kernel's event queue overflowed (events were lost). */
    long overflows() {
        return overflows;
    }

    /** The events waiting now (empty when none). */
    List<FileEvent> drain() {
        if (buffer == null) {
            buffer = libc.arena().allocate(1 << 16);
        }
        List<FileEvent> out = new ArrayList<>();
        while (true) {
            long n = libc.read(fd, buffer, buffer.byteSize());
            if (n < 0) {
                int errno = libc.lastErrno();
                if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
                    return out;
                }
                throw new NativeException("read(inotify)", errno);
            }
            if (n == 0) {
                return out;
            }
            parse(buffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder()), out);
        }
    }

    /** {@code struct inotify_event}: wd, mask, cookie, len, name[len] (NUL-padded). */
    void parse(ByteBuffer b, List<FileEvent> out) {
        int pos = 0;
        while (pos + 16 <= b.limit()) {
            int wd = b.getInt(pos);
            int mask = b.getInt(pos + 4);
            long cookie = b.getInt(pos + 8) & 0xffffffffL;
            int len = b.getInt(pos + 12);
            if (len < 0 || pos + 16 + len > b.limit()) {
                return;
            }
            byte[] raw = new byte[len];
            b.get(pos + 16, raw);
            int end = 0;
            while (end < len && raw[end] != 0) {
                end++;
            }
            String name = new String(raw, 0, end, StandardCharsets.UTF_8);
            pos += 16 + len;
            if ((mask & IN_Q_OVERFLOW) != 0) {
                overflows++;
                continue;
            }
            if ((mask & IN_IGNORED) != 0) {
                watches.remove(wd);
                continue;
            }
            String base = watches.get(wd);
            if (base == null || (mask & IN_ISDIR) != 0 && (mask & (IN_CLOSE_NOWRITE | IN_CLOSE_WRITE)) != 0) {
                continue;
            }
            String path = base.startsWith("=") ? base.substring(1)
                    : name.isEmpty() ? base : base.endsWith("/") ? base + name : base + "/" + name;
            if ((mask & IN_CLOSE_WRITE) != 0) {
                out.add(new FileEvent(Kind.WRITE, path, null));
            } else if ((mask & IN_CLOSE_NOWRITE) != 0) {
                out.add(new FileEvent(Kind.READ, path, null));
            } else if ((mask & IN_CREATE) != 0) {
                out.add(new FileEvent(Kind.CREATE, path, null));
            } else if ((mask & IN_DELETE) != 0) {
                out.add(new FileEvent(Kind.DELETE, path, null));
            } else if ((mask & IN_MOVED_FROM) != 0) {
                pendingMoves.put(cookie, path);
                if (pendingMoves.size() > 1024) {
                    pendingMoves.clear();
                }
            } else if ((mask & IN_MOVED_TO) != 0) {
                out.add(new FileEvent(Kind.RENAME, path, pendingMoves.remove(cookie)));
            }
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
