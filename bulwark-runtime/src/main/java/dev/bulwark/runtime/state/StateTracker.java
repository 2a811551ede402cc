package dev.bulwark.runtime.state;

import dev.bulwark.runtime.scap.CaptureInfo;
import dev.bulwark.runtime.scap.EventTable;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.SocketAddresses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the process and file-descriptor tables while capture events stream, the way libsinsp's parser does for
 * the events rules depend on: clone/fork create threads, execve replaces the program, open/socket/accept/pipe/dup
 * create descriptors, connect/bind fill in socket addresses, close and procexit remove entries. Each event is
 * returned as a {@link SyscallEvent} with its thread and descriptor resolved.
 */
public final class StateTracker {

    private static final int EC_SCHEDULER = 128;

    private static final long AT_FDCWD = -100;
    private static final int O_DIRECTORY = 1024;

    private final EventTable table;
    private final Map<Long, ThreadInfo> threads = new HashMap<>();
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, String> homes = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();
    private final Map<String, ContainerInfo> containers = new HashMap<>();
    private final String hostname;
    private final int maxThreads;
    private long droppedThreads;

    public StateTracker(CaptureInfo info, int maxThreads) {
        this.table = EventTable.get();
        this.hostname = info.hostname();
        this.maxThreads = maxThreads;
        users.putAll(info.users());
        homes.putAll(info.userHomes());
        groups.putAll(info.groups());
        for (CaptureInfo.ThreadRecord r : info.threads()) {
            ThreadInfo t = new ThreadInfo(r.tid());
            apply(t, r);
            threads.put(t.tid, t);
        }
        for (ThreadInfo t : threads.values()) {
            linkMain(t);
        }
        // Ports the capture's processes listen on: a connection on one of them is the server end, and libsinsp
        // names it client -> server (the file records it local -> remote).
        java.util.Set<Integer> serverPorts = new java.util.HashSet<>();
        for (List<CaptureInfo.FdRecord> records : info.fds().values()) {
            for (CaptureInfo.FdRecord r : records) {
                if (r.type() == 5 || r.type() == 6) {
                    serverPorts.add(r.sport());
                }
            }
        }
        for (var entry : info.fds().entrySet()) {
            ThreadInfo t = threads.get(entry.getKey());
            if (t == null) {
                continue;
            }
            for (CaptureInfo.FdRecord r : entry.getValue()) {
                FdInfo fd = new FdInfo(r.fd(), kindOf(r.type()), printableOnly(r.name()));
                fd.openFlags = r.openFlags();
                fd.ino = r.ino();
                fd.sip = r.sip();
                fd.dip = r.dip();
                fd.sport = r.sport();
                fd.dport = r.dport();
                fd.l4proto = ipProtocol(r.l4proto());
                fd.server = r.type() == 5 || r.type() == 6;
                if ((r.type() == 3 || r.type() == 4) && serverPorts.contains(r.sport())) {
                    fd.sip = r.dip();
                    fd.dip = r.sip();
                    fd.sport = r.dport();
                    fd.dport = r.sport();
                    fd.clientRole = false;
                }
                if (fd.kind == FdInfo.Kind.IPV4 || fd.kind == FdInfo.Kind.IPV6) {
                    fd.name = fd.server ? SocketAddresses.endpoint(fd.sip, fd.sport)
                            : SocketAddresses.endpoint(fd.sip, fd.sport) + "->"
                            + SocketAddresses.endpoint(fd.dip, fd.dport);
                    fd.connected = !fd.server;
                }
                t.fdTable().put(fd.fd, fd);
            }
        }
    }

    /**
     * A name from the capture's fd list without control characters: libscap recorded unix socket paths with the
     * newline of {@code /proc/net/unix}, which libsinsp drops.
     */
    private static String printableOnly(String name) {
        if (name == null) {
            return null;
        }
        int i = 0;
        while (i < name.length() && name.charAt(i) >= 32 && name.charAt(i) != 127) {
            i++;
        }
        if (i == name.length()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.chars().filter(c -> c >= 32 && c != 127).forEach(c -> out.append((char) c));
        return out.toString();
    }

    /** The fd list records libscap's transport codes (2 tcp, 3 udp, 4 icmp, 5 raw); events carry IP protocol numbers. */
    private static int ipProtocol(int scapL4) {
        return switch (scapL4) {
            case 2 -> 6;
            case 3 -> 17;
            case 4 -> 1;
            case 5 -> 255;
            default -> 0;
        };
    }

    private static void apply(ThreadInfo t, CaptureInfo.ThreadRecord r) {
        t.pid = r.pid();
        t.ptid = r.ptid();
        t.sid = r.sid();
        t.vpgid = r.vpgid();
        t.comm = r.comm();
        t.exe = r.exe();
        t.exepath = r.exepath();
        t.args = r.args();
        t.env = r.env();
        t.cwd = normalizeDir(r.cwd());
        t.uid = r.uid();
        t.gid = r.gid();
        t.loginuid = r.loginuid();
        t.vtid = r.vtid();
        t.vpid = r.vpid();
        t.cgroups = r.cgroups();
        t.root = r.root();
        t.flags = r.flags();
        t.capPermitted = r.capPermitted();
        t.capEffective = r.capEffective();
        t.tty = r.tty();
        t.containerId = containerIdOf(t.cgroups);
        t.placeholder = false;
    }

    /**
     * Adds a process, or refreshes one already known, from a process-list entry read outside the event stream (the
     * live sensor reads {@code /proc} when the kernel reports an exec); its open descriptors are kept.
     */
    public void upsert(CaptureInfo.ThreadRecord record) {
        ThreadInfo t = threads.get(record.tid());
        if (t == null) {
            t = new ThreadInfo(record.tid());
            apply(t, record);
            add(t);
            return;
        }
        apply(t, record);
        linkMain(t);
    }

    /** Adds or replaces a user and a group name (the live sensor reads them from the host's files). */
    public void addUser(long uid, String name, String home) {
        users.put(uid, name);
        if (home != null) {
            homes.put(uid, home);
        }
    }

    public void addGroup(long gid, String name) {
        groups.put(gid, name);
    }

    public String hostname() {
        return hostname;
    }

    public ThreadInfo thread(long tid) {
        return threads.get(tid);
    }

    public int threadCount() {
        return threads.size();
    }

    /** Threads not tracked because the table was full (memory bound). */
    public long droppedThreads() {
        return droppedThreads;
    }

    public String userName(long uid) {
        return users.get(uid);
    }

    public String userHome(long uid) {
        return homes.get(uid);
    }

    public String groupName(long gid) {
        return groups.get(gid);
    }

    /** The parent thread of {@code t}, or {@code null}. */
    public ThreadInfo parent(ThreadInfo t) {
        if (t == null) {
            return null;
        }
        ThreadInfo main = t.main != null ? t.main : t;
        if (main.ptid == main.tid) {
            return null;
        }
        return threads.get(main.ptid);
    }

    /** The n-th ancestor (1 = parent) of {@code t}, or {@code null}. */
    public ThreadInfo ancestor(ThreadInfo t, int n) {
        ThreadInfo cur = t;
        for (int i = 0; i < n && cur != null; i++) {
            cur = parent(cur);
        }
        return cur;
    }

    public ContainerInfo container(ThreadInfo t) {
        if (t == null || t.containerId.isEmpty()) {
            return ContainerInfo.HOST;
        }
        return containers.computeIfAbsent(t.containerId,
                id -> new ContainerInfo(id, "", "", "", false));
    }

    /** Updates the state with {@code raw} and returns it with its thread and descriptor resolved. */
    public SyscallEvent process(ScapEvent raw) {
        EventTable.EventInfo info = raw.info();
        ThreadInfo thread = threads.get(raw.tid());
        String typeName = info.name();
        int code = info.code();
        int typeId = table.eventTypeId(code);
        if (code == EventTable.GENERIC_E || code == EventTable.GENERIC_X) {
            Long id = raw.paramLong(0);
            String name = id == null ? null : table.syscallName(id.intValue());
            if (name != null) {
                typeName = name;
                typeId = table.syscallTypeId(id.intValue());
            }
        }
        FdInfo fd = null;
        long fdNum = -1;
        // libsinsp does not resolve the thread of scheduler and internal events (procinfo, switch, drops): one it
        // does not know yet stays unknown, without the placeholder a syscall would create.
        boolean createsThread = (info.flags() & EventTable.EF_SKIPPARSERESET) == 0 && info.category() != EC_SCHEDULER
                && code != 228 && code != 272 && code != 324; // nor of container metadata events
        if (info.isEnter()) {
            if (thread == null && createsThread) {
                thread = placeholder(raw.tid());
            }
            if (thread != null) {
                int fdIndex = raw.paramIndex("fd");
                if (fdIndex >= 0 && (info.flags() & (EventTable.EF_USES_FD | EventTable.EF_DESTROYS_FD)) != 0) {
                    Long n = raw.paramLong(fdIndex);
                    thread.lastEventFd = n == null ? -1 : n;
                } else {
                    thread.lastEventFd = -1;
                }
                thread.lastEnterType = code;
                rememberEnter(thread, raw, typeName);
                fdNum = thread.lastEventFd;
                fd = fdNum >= 0 ? thread.fdTable().get(fdNum) : null;
            }
        } else {
            if ((thread == null || thread.placeholder) && isCloneFamily(typeName)) {
                ThreadInfo child = onCloneInChild(raw);
                thread = child != null ? child : thread;
            } else if (thread != null && isCloneFamily(typeName) && Long.valueOf(0).equals(raw.paramLong(0))) {
                // the parent's exit created the child; the child's own exit knows its ids in its pid namespace
                Long vtid = longParam(raw, "vtid");
                Long vpid = longParam(raw, "vpid");
                if (vtid != null && vpid != null) {
                    thread.vtid = vtid;
                    thread.vpid = vpid;
                }
            }
            if ((thread == null || thread.placeholder) && (typeName.equals("execve") || typeName.equals("execveat"))
                    && raw.paramLong(0) != null && raw.paramLong(0) == 0) {
                thread = newThreadFromExit(raw);
            }
            if (thread == null && createsThread) {
                thread = placeholder(raw.tid());
            }
            if (thread != null) {
                if ((info.flags() & (EventTable.EF_USES_FD | EventTable.EF_DESTROYS_FD)) != 0
                        && thread.lastEnterType == code - 1) {
                    fdNum = thread.lastEventFd;
                    fd = fdNum >= 0 ? thread.fdTable().get(fdNum) : null;
                }
                FdInfo created = onExit(thread, raw, typeName, fd);
                if (created != null) {
                    fd = created;
                    fdNum = created.fd;
                }
            }
        }
        if (code == 228 || code == 272 || code == 324) {
            onContainer(raw);
        }
        SyscallEvent event = new SyscallEvent(raw, typeName, typeId, thread, fd, fdNum, container(thread),
                this);
        if (typeName.equals("procexit") && thread != null) {
            threads.remove(thread.tid);
        }
        return event;
    }

    private void rememberEnter(ThreadInfo thread, ScapEvent raw, String typeName) {
        switch (typeName) {
            case "socket", "socketpair" -> {
                thread.lastEnterA = orZero(raw.paramLong(0));
                thread.lastEnterB = orZero(raw.paramLong(1));
                thread.lastEnterC = orZero(raw.paramLong(2));
            }
            case "connect" -> {
                int addr = raw.paramIndex("addr");
                thread.lastEnterPath = addr >= 0 ? SocketAddresses.sockaddrToString(raw, addr) : null;
            }
            case "execve", "execveat" -> {
                int f = raw.paramIndex("filename");
                thread.lastEnterPath = f >= 0 ? raw.paramString(f) : null;
            }
            case "fcntl" -> thread.lastEnterA = orZero(raw.paramLong(1));
            case "setuid", "setgid" -> thread.lastEnterA = orZero(raw.paramLong(0));
            default -> {
            }
        }
    }

    private FdInfo onExit(ThreadInfo thread, ScapEvent raw, String typeName, FdInfo fd) {
        Long res = raw.paramLong(0);
        long result = res == null ? -1 : res;
        switch (typeName) {
            case "open", "openat", "openat2", "creat", "open_by_handle_at" -> {
                if (result < 0) {
                    return null;
                }
                int nameIdx = raw.paramIndex("name");
                String path = nameIdx >= 0 ? raw.paramString(nameIdx) : "";
                int dirfdIdx = raw.paramIndex("dirfd");
                long dirfd = dirfdIdx >= 0 ? orZero(raw.paramLong(dirfdIdx)) : AT_FDCWD;
                String resolved = resolvePath(thread, path, dirfd);
                int flagsIdx = raw.paramIndex("flags");
                long flags = flagsIdx >= 0 ? orZero(raw.paramLong(flagsIdx)) : 0;
                FdInfo created = new FdInfo(result, (flags & O_DIRECTORY) != 0 ? FdInfo.Kind.DIRECTORY
                        : FdInfo.Kind.FILE, resolved);
                created.openFlags = flags;
                thread.fdTable().put(result, created);
                return created;
            }
            case "socket" -> {
                if (result < 0) {
                    return null;
                }
                FdInfo created = new FdInfo(result, socketKind(thread.lastEnterA), "");
                created.l4proto = l4protoOf(thread.lastEnterB, thread.lastEnterC);
                thread.fdTable().put(result, created);
                return created;
            }
            case "accept", "accept4" -> {
                if (result < 0) {
                    return null;
                }
                FdInfo created = new FdInfo(result, FdInfo.Kind.UNSUPPORTED, "");
                int tuple = raw.paramIndex("tuple");
                if (tuple >= 0) {
                    SocketAddresses.applyTuple(created, raw, tuple, false);
                }
                created.l4proto = created.l4proto == 0 && created.kind != FdInfo.Kind.UNIX ? 6 : created.l4proto;
                created.connected = true;
                thread.fdTable().put(result, created);
                return created;
            }
            case "connect" -> {
                if (fd != null) {
                    int tuple = raw.paramIndex("tuple");
                    if (tuple >= 0 && raw.paramLength(tuple) > 1) {
                        SocketAddresses.applyTuple(fd, raw, tuple, true);
                    }
                    fd.connected = result >= 0 || result == -115;
                }
                return null;
            }
            case "sendto", "sendmsg", "recvfrom", "recvmsg" -> {
                int tuple = raw.paramIndex("tuple");
                if (fd != null && tuple >= 0 && raw.paramLength(tuple) > 1 && fd.name.isEmpty()) {
                    SocketAddresses.applyTuple(fd, raw, tuple, !typeName.startsWith("recv"));
                }
                return null;
            }
            case "bind" -> {
                int addr = raw.paramIndex("addr");
                if (fd != null && result >= 0 && addr >= 0) {
                    SocketAddresses.applyBind(fd, raw, addr);
                }
                return null;
            }
            case "close" -> {
                if (result >= 0 && thread.lastEventFd >= 0) {
                    thread.fdTable().remove(thread.lastEventFd);
                }
                return null;
            }
            case "dup", "dup2", "dup3" -> {
                if (result >= 0 && fd != null) {
                    FdInfo copy = fd.copy(result);
                    thread.fdTable().put(result, copy);
                }
                return null;
            }
            case "fcntl" -> {
                long cmd = thread.lastEnterA;
                if (result >= 0 && fd != null && (cmd == 1 || cmd == 2)) {
                    thread.fdTable().put(result, fd.copy(result));
                }
                return null;
            }
            case "pipe", "pipe2" -> {
                if (result >= 0) {
                    long ino = orZero(raw.paramLong(raw.paramIndex("ino")));
                    for (String p : List.of("fd1", "fd2")) {
                        int idx = raw.paramIndex(p);
                        if (idx >= 0) {
                            long n = orZero(raw.paramLong(idx));
                            FdInfo pipe = new FdInfo(n, FdInfo.Kind.PIPE, ""); // libsinsp gives pipes no name
                            pipe.ino = ino;
                            thread.fdTable().put(n, pipe);
                        }
                    }
                }
                return null;
            }
            case "eventfd", "eventfd2", "signalfd", "signalfd4", "timerfd_create", "inotify_init", "inotify_init1",
                 "epoll_create", "epoll_create1", "userfaultfd", "memfd_create", "pidfd_open", "io_uring_setup" -> {
                if (result >= 0) {
                    FdInfo created = new FdInfo(result, switch (typeName) {
                        case "eventfd", "eventfd2" -> FdInfo.Kind.EVENT;
                        case "signalfd", "signalfd4" -> FdInfo.Kind.SIGNALFD;
                        case "timerfd_create" -> FdInfo.Kind.TIMERFD;
                        case "inotify_init", "inotify_init1" -> FdInfo.Kind.INOTIFY;
                        case "epoll_create", "epoll_create1" -> FdInfo.Kind.EVENTPOLL;
                        case "userfaultfd" -> FdInfo.Kind.USERFAULTFD;
                        case "memfd_create" -> FdInfo.Kind.MEMFD;
                        case "pidfd_open" -> FdInfo.Kind.PIDFD;
                        default -> FdInfo.Kind.IOURING;
                    }, "");
                    thread.fdTable().put(result, created);
                    return created;
                }
                return null;
            }
            case "chdir" -> {
                if (result >= 0) {
                    int p = raw.paramIndex("path");
                    if (p >= 0) {
                        thread.cwd = normalizeDir(resolvePath(thread, raw.paramString(p), AT_FDCWD));
                        propagateCwd(thread);
                    }
                }
                return null;
            }
            case "fchdir" -> {
                if (result >= 0 && fd != null) {
                    thread.cwd = normalizeDir(fd.name);
                    propagateCwd(thread);
                }
                return null;
            }
            case "setuid", "setgid" -> {
                if (result == 0 && thread.lastEnterType == raw.info().code() - 1) {
                    if (typeName.equals("setuid")) {
                        thread.uid = thread.lastEnterA;
                    } else {
                        thread.gid = thread.lastEnterA;
                    }
                }
                return null;
            }
            case "execve", "execveat" -> {
                if (result == 0) {
                    onExecve(thread, raw);
                }
                return null;
            }
            case "clone", "fork", "vfork", "clone3" -> {
                if (result > 0) {
                    onCloneInParent(thread, raw, result);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private void propagateCwd(ThreadInfo thread) {
        ThreadInfo main = thread.main != null ? thread.main : thread;
        main.cwd = thread.cwd;
    }

    private void onExecve(ThreadInfo t, ScapEvent raw) {
        t.placeholder = false;
        String exe = stringParam(raw, "exe");
        if (exe != null) {
            t.exe = exe;
        }
        int argsIdx = raw.paramIndex("args");
        if (argsIdx >= 0) {
            t.args = splitNul(raw.paramBytes(argsIdx));
        }
        String comm = stringParam(raw, "comm");
        if (comm != null && !comm.isEmpty()) {
            t.comm = comm;
        } else if (exe != null) {
            int slash = exe.lastIndexOf('/');
            t.comm = slash < 0 ? exe : exe.substring(slash + 1);
        }
        String cwd = stringParam(raw, "cwd");
        if (cwd != null && !cwd.isEmpty()) {
            t.cwd = normalizeDir(cwd);
        }
        int envIdx = raw.paramIndex("env");
        if (envIdx >= 0) {
            t.env = splitNul(raw.paramBytes(envIdx));
        }
        int cgIdx = raw.paramIndex("cgroups");
        if (cgIdx >= 0) {
            t.cgroups = splitNul(raw.paramBytes(cgIdx));
            t.containerId = containerIdOf(t.cgroups);
        }
        Long tty = longParam(raw, "tty");
        if (tty != null) {
            t.tty = tty;
        }
        Long loginuid = longParam(raw, "loginuid");
        if (loginuid != null) {
            t.loginuid = loginuid & 0xffffffffL;
        }
        Long pgid = longParam(raw, "pgid");
        if (pgid != null) {
            t.vpgid = pgid;
        }
        String filename = t.lastEnterPath;
        if (filename != null && !filename.isEmpty()) {
            t.exepath = resolvePath(t, filename, AT_FDCWD);
        } else if (exe != null && exe.startsWith("/")) {
            t.exepath = exe;
        }
        t.fdTable().values().removeIf(f -> (f.openFlags & 4096) != 0);
    }

    private void onCloneInParent(ThreadInfo parent, ScapEvent raw, long childTid) {
        if (threads.containsKey(childTid) || (parent.vtid >= 0 && parent.vtid != parent.tid)) {
            // a parent inside a pid namespace gets the child's id in that namespace: the child's own clone exit
            // introduces it with its host id
            return;
        }
        long flags = orZero(longParam(raw, "flags"));
        boolean isThread = (flags & 0x10000L) != 0 || (flags & 0x800L) != 0;
        ThreadInfo child = new ThreadInfo(childTid);
        copyFrom(child, parent, raw);
        child.pid = isThread ? parent.pid : childTid;
        child.ptid = isThread ? parent.ptid : parent.pid;
        child.vtid = childTid;
        child.vpid = child.pid;
        child.cloneTs = raw.ts();
        if (!isThread) {
            for (FdInfo fd : parent.fdTable().values()) {
                child.fds.put(fd.fd, fd.copy(fd.fd));
            }
        }
        add(child);
    }

    private ThreadInfo onCloneInChild(ScapEvent raw) {
        Long res = raw.paramLong(0);
        if (res == null || res != 0) {
            return null;
        }
        ThreadInfo child = new ThreadInfo(raw.tid());
        Long pid = longParam(raw, "pid");
        Long ptid = longParam(raw, "ptid");
        child.pid = pid == null ? raw.tid() : pid;
        child.ptid = ptid == null ? 0 : ptid;
        ThreadInfo parent = threads.get(child.ptid);
        if (parent != null) {
            copyFrom(child, parent, raw);
            for (FdInfo fd : parent.fdTable().values()) {
                child.fds.put(fd.fd, fd.copy(fd.fd));
            }
        } else {
            copyFrom(child, new ThreadInfo(-1), raw);
        }
        if (child.vpid < 0) {
            child.vpid = child.pid;
        }
        child.cloneTs = raw.ts();
        add(child);
        return child;
    }

    /** A thread the capture never introduced, first seen in an exit event that carries its identity. */
    private ThreadInfo newThreadFromExit(ScapEvent raw) {
        ThreadInfo t = new ThreadInfo(raw.tid());
        Long pid = longParam(raw, "pid");
        Long ptid = longParam(raw, "ptid");
        t.pid = pid == null ? raw.tid() : pid;
        t.ptid = ptid == null ? 0 : ptid;
        add(t);
        return threads.get(t.tid);
    }

    /**
     * A thread the capture shows acting without having introduced it (no process-list entry, no clone): libsinsp
     * creates an entry whose name and executable are {@code <NA>} (which rules test with {@code proc_name_exists})
     * and whose descriptors are learnt from then on.
     */
    private ThreadInfo placeholder(long tid) {
        if (tid < 0) {
            return null;
        }
        ThreadInfo t = new ThreadInfo(tid);
        t.placeholder = true;
        t.comm = "<NA>";
        t.exe = "<NA>";
        t.ptid = -1;
        add(t);
        return threads.get(tid);
    }

    private void copyFrom(ThreadInfo child, ThreadInfo parent, ScapEvent raw) {
        child.comm = parent.comm;
        child.exe = parent.exe;
        child.exepath = parent.exepath;
        child.args = parent.args;
        child.env = parent.env;
        child.cwd = parent.cwd;
        child.uid = parent.uid;
        child.gid = parent.gid;
        child.loginuid = parent.loginuid;
        child.tty = parent.tty;
        child.sid = parent.sid;
        child.vpgid = parent.vpgid;
        child.cgroups = parent.cgroups;
        child.containerId = parent.containerId;
        child.capEffective = parent.capEffective;
        child.capPermitted = parent.capPermitted;
        String exe = stringParam(raw, "exe");
        if (exe != null && !exe.isEmpty()) {
            child.exe = exe;
        }
        int argsIdx = raw.paramIndex("args");
        if (argsIdx >= 0) {
            child.args = splitNul(raw.paramBytes(argsIdx));
        }
        String comm = stringParam(raw, "comm");
        if (comm != null && !comm.isEmpty()) {
            child.comm = comm;
        }
        String cwd = stringParam(raw, "cwd");
        if (cwd != null && !cwd.isEmpty()) {
            child.cwd = normalizeDir(cwd);
        }
        Long uid = longParam(raw, "uid");
        if (uid != null) {
            child.uid = uid;
        }
        Long gid = longParam(raw, "gid");
        if (gid != null) {
            child.gid = gid;
        }
        Long vtid = longParam(raw, "vtid");
        Long vpid = longParam(raw, "vpid");
        if (vtid != null && vpid != null && raw.paramLong(0) != null && raw.paramLong(0) == 0) {
            child.vtid = vtid;
            child.vpid = vpid;
        } else {
            // clone events without namespace ids (older captures): libsinsp takes the host ids
            child.vtid = child.tid;
            child.vpid = -1;
        }
        int cgIdx = raw.paramIndex("cgroups");
        if (cgIdx >= 0) {
            child.cgroups = splitNul(raw.paramBytes(cgIdx));
            child.containerId = containerIdOf(child.cgroups);
        }
    }

    private void add(ThreadInfo t) {
        if (threads.size() >= maxThreads) {
            droppedThreads++;
            return;
        }
        threads.put(t.tid, t);
        linkMain(t);
    }

    private void linkMain(ThreadInfo t) {
        ThreadInfo main = threads.get(t.pid);
        t.main = main == null ? t : main;
    }

    private void onContainer(ScapEvent raw) {
        if (raw.info().code() == 228) {
            String id = raw.paramString(0);
            String name = raw.paramString(2);
            String image = raw.paramString(3);
            if (id != null) {
                containers.put(id, new ContainerInfo(id, "docker", name == null ? "" : name,
                        image == null ? "" : image, false));
            }
            return;
        }
        String json = raw.paramString(0);
        if (json == null) {
            return;
        }
        ContainerInfo parsed = ContainerJson.parse(json);
        if (parsed != null) {
            containers.put(parsed.id(), parsed);
        }
    }

    private static String containerIdOf(List<String> cgroups) {
        CgroupContainers.Match match = CgroupContainers.find(cgroups);
        return match == null ? "" : match.shortId();
    }

    /** {@code path} relative to the working directory of {@code thread}, normalised ({@code evt.arg} of paths). */
    public String absolutePath(ThreadInfo thread, String path) {
        return resolvePath(thread, path, AT_FDCWD);
    }

    /** Joins a path given to a syscall with the directory it is relative to, and normalises it. */
    String resolvePath(ThreadInfo thread, String path, long dirfd) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        if (path.startsWith("/")) {
            return normalize(path);
        }
        String base;
        if (dirfd == AT_FDCWD || dirfd < 0) {
            base = thread.main != null && thread.main != thread && !thread.main.cwd.isEmpty() ? thread.main.cwd
                    : thread.cwd;
        } else {
            FdInfo dir = thread.fdTable().get(dirfd);
            base = dir == null ? "" : dir.name;
        }
        if (base.isEmpty()) {
            return path;
        }
        return normalize(base.endsWith("/") ? base + path : base + "/" + path);
    }

    static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(p);
        }
        return "/" + String.join("/", parts);
    }

    private static String normalizeDir(String cwd) {
        if (cwd == null || cwd.isEmpty()) {
            return "";
        }
        return cwd.endsWith("/") ? cwd : cwd + "/";
    }

    private static String stringParam(ScapEvent raw, String name) {
        int i = raw.paramIndex(name);
        return i >= 0 ? raw.paramString(i) : null;
    }

    private static Long longParam(ScapEvent raw, String name) {
        int i = raw.paramIndex(name);
        return i >= 0 ? raw.paramLong(i) : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    static List<String> splitNul(byte[] bytes) {
        List<String> out = new ArrayList<>();
        if (bytes == null) {
            return out;
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            out.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static boolean isCloneFamily(String name) {
        return name.equals("clone") || name.equals("fork") || name.equals("vfork") || name.equals("clone3");
    }

    private static FdInfo.Kind socketKind(long domain) {
        return switch ((int) domain) {
            case 1 -> FdInfo.Kind.UNIX;
            case 2 -> FdInfo.Kind.IPV4;
            case 10 -> FdInfo.Kind.IPV6;
            case 16 -> FdInfo.Kind.NETLINK;
            default -> FdInfo.Kind.UNSUPPORTED;
        };
    }

    private static int l4protoOf(long type, long proto) {
        int base = (int) (type & 0xf);
        return switch (base) {
            case 1 -> 6;
            case 2 -> proto == 1 || proto == 58 ? 1 : 17;
            case 3 -> proto == 1 || proto == 58 ? 1 : 255;
            default -> 0;
        };
    }

    static FdInfo.Kind kindOf(int scapType) {
        return switch (scapType) {
            case 1, 16 -> FdInfo.Kind.FILE;
            case 2 -> FdInfo.Kind.DIRECTORY;
            case 3, 5 -> FdInfo.Kind.IPV4;
            case 4, 6 -> FdInfo.Kind.IPV6;
            case 7 -> FdInfo.Kind.PIPE;
            case 8 -> FdInfo.Kind.UNIX;
            case 9 -> FdInfo.Kind.EVENT;
            case 11 -> FdInfo.Kind.SIGNALFD;
            case 12 -> FdInfo.Kind.EVENTPOLL;
            case 13 -> FdInfo.Kind.INOTIFY;
            case 14 -> FdInfo.Kind.TIMERFD;
            case 15 -> FdInfo.Kind.NETLINK;
            default -> FdInfo.Kind.UNSUPPORTED;
        };
    }
}
