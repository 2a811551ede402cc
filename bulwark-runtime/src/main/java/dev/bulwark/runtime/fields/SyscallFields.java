package dev.bulwark.runtime.fields;

import static dev.bulwark.runtime.fields.FieldType.BOOL;
import static dev.bulwark.runtime.fields.FieldType.IPADDR;
import static dev.bulwark.runtime.fields.FieldType.IPNET;
import static dev.bulwark.runtime.fields.FieldType.NUMBER;
import static dev.bulwark.runtime.fields.FieldType.STRING;

import dev.bulwark.runtime.scap.EventTable;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.SocketAddresses;
import dev.bulwark.runtime.state.ContainerInfo;
import dev.bulwark.runtime.state.FdInfo;
import dev.bulwark.runtime.state.SyscallEvent;
import dev.bulwark.runtime.state.ThreadInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of the {@code syscall} source ({@code evt.*}, {@code proc.*}, {@code thread.*}, {@code user.*},
 * {@code group.*}, {@code fd.*}, {@code fs.path.*}, {@code container.*}, {@code k8s.*}), read from a
 * {@link SyscallEvent}. Every field Falco's rules name is known here so conditions compile; fields whose data a
 * capture does not carry (Kubernetes metadata, DNS names) yield no value, which makes their checks false exactly as
 * in Falco without that metadata.
 */
public final class SyscallFields extends MapFieldCatalog<SyscallEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public SyscallFields() {
        super("syscall");
        evtFields();
        procFields();
        userFields();
        fdFields();
        fsFields();
        containerFields();
        k8sFields();
    }

    private void evtFields() {
        add("evt.num", NUMBER, "event number", e -> e.raw().num());
        add("evt.time", STRING, "event time (HH:MM:SS.ns)", e -> time(e.raw().ts()));
        add("evt.time.s", STRING, "event time (HH:MM:SS)", e -> TIME.format(Instant.ofEpochSecond(e.raw().ts() / 1_000_000_000L)));
        add("evt.time.iso8601", STRING, "event time, ISO 8601", e -> iso8601(e.raw().ts()));
        add("evt.datetime", STRING, "event date and time", e -> DATE.format(Instant.ofEpochSecond(e.raw().ts() / 1_000_000_000L)) + " " + time(e.raw().ts()));
        add("evt.datetime.s", STRING, "event date and time (s)", e -> DATE.format(Instant.ofEpochSecond(e.raw().ts() / 1_000_000_000L)) + " " + TIME.format(Instant.ofEpochSecond(e.raw().ts() / 1_000_000_000L)));
        add("evt.rawtime", NUMBER, "event time in ns since epoch", e -> e.raw().ts());
        add("evt.rawtime.s", NUMBER, "seconds part of evt.rawtime", e -> e.raw().ts() / 1_000_000_000L);
        add("evt.rawtime.ns", NUMBER, "nanoseconds part of evt.rawtime", e -> e.raw().ts() % 1_000_000_000L);
        add("evt.reltime", NUMBER, "time since capture start (not tracked)", e -> null);
        add("evt.latency", NUMBER, "enter-to-exit latency (not tracked)", e -> null);
        add("evt.deltatime", NUMBER, "time since previous event (not tracked)", e -> null);
        add("evt.outputtime", NUMBER, "event time for outputs", e -> e.raw().ts());
        add("evt.dir", STRING, "'>' enter, '<' exit", e -> e.isEnter() ? ">" : "<");
        add("evt.type", STRING, "event type (syscall name)", SyscallEvent::typeName);
        addWithArg("evt.type.is", BOOL, FieldInfo.Arg.REQUIRED_KEY, "1 if evt.type equals the argument",
                arg -> e -> e.typeName().equals(arg));
        add("evt.syscall.type", STRING, "syscall name", SyscallEvent::typeName);
        add("evt.category", STRING, "event category", e -> category(e.raw().info().category()));
        add("evt.cpu", NUMBER, "CPU number", e -> (long) e.raw().cpu());
        add("evt.args", STRING, "all parameters as name=value", SyscallFields::args);
        addDotted(new FieldInfo("evt.arg", STRING, false, FieldInfo.Arg.REQUIRED_KEY,
                "a parameter by name or index, resolved"), arg -> paramExtractor(arg, ParamRenderer::render));
        addDotted(new FieldInfo("evt.rawarg", STRING, false, FieldInfo.Arg.REQUIRED_KEY,
                "a parameter by name, raw"), arg -> paramExtractor(arg, ParamRenderer::raw));
        add("evt.info", STRING, "parameters as text", SyscallFields::args);
        add("evt.buffer", FieldType.BYTES, "the data buffer of I/O events", e -> bytesParam(e, "data"));
        add("evt.buflen", NUMBER, "length of the data buffer", e -> {
            int i = e.raw().paramIndex("data");
            return i < 0 ? null : (long) e.raw().paramLength(i);
        });
        add("evt.res", STRING, "result: SUCCESS or the errno name", e -> {
            Long res = result(e);
            return res == null ? null : res >= 0 ? "SUCCESS" : Errno.name(res);
        });
        add("evt.rawres", NUMBER, "result as a number", SyscallFields::result);
        add("evt.failed", BOOL, "true when the result is an error (false for events without one)", e -> {
            Long res = result(e);
            return res != null && res < 0;
        });
        add("evt.is_io", BOOL, "reads or writes data", e -> (e.raw().info().flags()
                & (EventTable.EF_READS_FROM_FD | EventTable.EF_WRITES_TO_FD)) != 0);
        add("evt.is_io_read", BOOL, "reads data", e -> (e.raw().info().flags() & EventTable.EF_READS_FROM_FD) != 0);
        add("evt.is_io_write", BOOL, "writes data", e -> (e.raw().info().flags() & EventTable.EF_WRITES_TO_FD) != 0);
        add("evt.io_dir", STRING, "r or w", e -> (e.raw().info().flags() & EventTable.EF_READS_FROM_FD) != 0 ? "r"
                : (e.raw().info().flags() & EventTable.EF_WRITES_TO_FD) != 0 ? "w" : null);
        add("evt.is_wait", BOOL, "waits", e -> (e.raw().info().flags() & 128) != 0);
        add("evt.wait_latency", NUMBER, "wait time (not tracked)", e -> null);
        add("evt.is_syslog", BOOL, "writes to syslog", e -> e.fd() != null && e.fd().name().equals("/dev/log"));
        add("evt.count", NUMBER, "1 for every event", e -> 1L);
        add("evt.count.error", NUMBER, "1 for failed events", e -> {
            Long r = result(e);
            return r != null && r < 0 ? 1L : 0L;
        });
        add("evt.around", NUMBER, "unsupported", e -> null);
        add("evt.abspath", STRING, "absolute path of the event's path parameter", e -> fsPath(e, "name", "path",
                "pathname", "filename"));
        add("evt.abspath.src", STRING, "source path of rename/link", e -> fsPath(e, "oldpath"));
        add("evt.abspath.dst", STRING, "target path of rename/link", e -> fsPath(e, "newpath", "linkpath"));
        add("evt.is_open_read", BOOL, "open for reading", e -> openFlag(e, 1));
        add("evt.is_open_write", BOOL, "open for writing", e -> openFlag(e, 2));
        add("evt.is_open_exec", BOOL, "open of an executable (not known from the capture)", e -> false);
        add("evt.is_open_create", BOOL, "open that creates the file", e -> openFlag(e, 4));
        add("evt.hostname", STRING, "host name of the captured machine", e -> e.state().hostname());
        add("evt.source", STRING, "event source", e -> "syscall");
        add("evt.pluginname", STRING, "plugin (none for syscalls)", e -> null);
        add("evt.plugininfo", STRING, "plugin info (none)", e -> null);
        add("evt.is_async", BOOL, "async event", e -> false);
        add("evt.asynctype", STRING, "async type", e -> null);
        add("syscall.type", STRING, "syscall name", SyscallEvent::typeName);
    }

    private void procFields() {
        add("proc.pid", NUMBER, "process id", e -> t(e) == null ? null : t(e).pid());
        add("proc.exe", STRING, "argv[0]", e -> t(e) == null ? null : t(e).exe());
        add("proc.name", STRING, "process name (comm)", e -> t(e) == null ? null : t(e).comm());
        add("proc.args", STRING, "arguments", e -> t(e) == null ? null : String.join(" ", t(e).args()));
        addWithArg("proc.env", STRING, FieldInfo.Arg.OPTIONAL_KEY, "environment, or one variable", arg -> arg == null
                ? e -> t(e) == null ? null : String.join(" ", t(e).env()).stripTrailing()
                : e -> t(e) == null ? null : t(e).env(arg));
        add("proc.cmdline", STRING, "name and arguments", e -> t(e) == null ? null : t(e).cmdline());
        add("proc.exeline", STRING, "exe and arguments", e -> t(e) == null ? null
                : (t(e).exe() + " " + String.join(" ", t(e).args())).trim());
        add("proc.cwd", STRING, "working directory", e -> t(e) == null ? null : t(e).cwd());
        add("proc.exepath", STRING, "full executable path", e -> t(e) == null ? null : t(e).exepath());
        add("proc.ppid", NUMBER, "parent pid (as recorded, even when the parent is unknown)",
                e -> t(e) == null ? null : t(e).mainThread().ptid());
        add("proc.pname", STRING, "parent name", e -> p(e, 1, ThreadInfo::comm));
        add("proc.pcmdline", STRING, "parent command line", e -> p(e, 1, ThreadInfo::cmdline));
        add("proc.pexe", STRING, "parent exe", e -> p(e, 1, ThreadInfo::exe));
        add("proc.pexepath", STRING, "parent executable path", e -> p(e, 1, ThreadInfo::exepath));
        add("proc.pcwd", STRING, "parent working directory", e -> p(e, 1, ThreadInfo::cwd));
        ancestor("proc.apid", NUMBER, ThreadInfo::pid);
        ancestor("proc.aname", STRING, ThreadInfo::comm);
        ancestor("proc.aexe", STRING, ThreadInfo::exe);
        ancestor("proc.aexepath", STRING, ThreadInfo::exepath);
        ancestor("proc.acmdline", STRING, ThreadInfo::cmdline);
        add("proc.loginshellid", NUMBER, "pid of the oldest shell ancestor", SyscallFields::loginShell);
        add("proc.tty", NUMBER, "controlling terminal", e -> t(e) == null ? null : t(e).tty());
        add("proc.sid", NUMBER, "session id", e -> t(e) == null ? null : t(e).sid());
        add("proc.sname", STRING, "session leader name", e -> sessionLeader(e, ThreadInfo::comm));
        add("proc.sid.exe", STRING, "session leader exe", e -> sessionLeader(e, ThreadInfo::exe));
        add("proc.sid.exepath", STRING, "session leader exepath", e -> sessionLeader(e, ThreadInfo::exepath));
        add("proc.vpgid", NUMBER, "process group id", e -> t(e) == null ? null : t(e).vpgid());
        add("proc.vpgid.name", STRING, "process group leader name", e -> groupLeader(e, ThreadInfo::comm));
        add("proc.vpgid.exe", STRING, "process group leader exe", e -> groupLeader(e, ThreadInfo::exe));
        add("proc.vpgid.exepath", STRING, "process group leader exepath", e -> groupLeader(e, ThreadInfo::exepath));
        add("proc.is_sid_leader", BOOL, "is the session leader", e -> t(e) == null ? null : t(e).sid() == t(e).vpid()
                || t(e).sid() == t(e).pid());
        add("proc.is_vpgid_leader", BOOL, "is the process group leader", e -> t(e) == null ? null
                : t(e).vpgid() == (t(e).vpid() >= 0 ? t(e).vpid() : t(e).pid()));
        add("proc.vpid", NUMBER, "pid in its namespace (none when the capture does not say)",
                e -> t(e) == null || t(e).vpid() < 0 ? null : t(e).vpid());
        add("proc.pvpid", NUMBER, "parent pid in its namespace", e -> p(e, 1, ThreadInfo::vpid));
        add("proc.duration", NUMBER, "ns since the process started", e -> t(e) == null || t(e).cloneTs() == 0 ? null
                : e.raw().ts() - t(e).cloneTs());
        add("proc.ppid.duration", NUMBER, "ns since the parent started", e -> {
            ThreadInfo parent = e.state().parent(t(e));
            return parent == null || parent.cloneTs() == 0 ? null : e.raw().ts() - parent.cloneTs();
        });
        add("proc.pid.ts", NUMBER, "process start time", e -> t(e) == null ? null : t(e).cloneTs());
        add("proc.ppid.ts", NUMBER, "parent start time", e -> p(e, 1, ThreadInfo::cloneTs));
        add("proc.nthreads", NUMBER, "threads (not tracked)", e -> null);
        add("proc.nchilds", NUMBER, "children (not tracked)", e -> null);
        add("proc.fdopencount", NUMBER, "open descriptors", e -> t(e) == null ? null : (long) t(e).fdTable().size());
        add("proc.fdlimit", NUMBER, "fd limit (not tracked)", e -> null);
        add("proc.fdusage", NUMBER, "fd usage (not tracked)", e -> null);
        add("proc.vmsize", NUMBER, "not tracked", e -> null);
        add("proc.vmrss", NUMBER, "not tracked", e -> null);
        add("proc.vmswap", NUMBER, "not tracked", e -> null);
        add("proc.pfmajor", NUMBER, "not tracked", e -> null);
        add("proc.pfminor", NUMBER, "not tracked", e -> null);
        add("proc.cmdnargs", NUMBER, "number of arguments", e -> t(e) == null ? null : (long) t(e).args().size());
        add("proc.cmdlenargs", NUMBER, "length of the arguments", e -> t(e) == null ? null
                : (long) String.join(" ", t(e).args()).length());
        add("proc.is_container_healthcheck", BOOL, "container health check", e -> t(e) == null ? null : false);
        add("proc.is_container_liveness_probe", BOOL, "liveness probe", e -> t(e) == null ? null : false);
        add("proc.is_container_readiness_probe", BOOL, "readiness probe", e -> t(e) == null ? null : false);
        add("proc.is_exe_writable", BOOL, "exe writable by the user (not in captures)", e -> null);
        add("proc.is_exe_upper_layer", BOOL, "exe in an overlay upper layer (not in captures)", e -> null);
        add("proc.is_exe_from_memfd", BOOL, "exe is a memfd (not in captures)", e -> null);
        add("proc.exe_ino", NUMBER, "exe inode (not in captures)", e -> null);
        add("proc.exe_ino.ctime", NUMBER, "not in captures", e -> null);
        add("proc.exe_ino.mtime", NUMBER, "not in captures", e -> null);
        add("proc.exe_ino.ctime_duration_proc_start", NUMBER, "not in captures", e -> null);
        add("proc.exe_ino.ctime_duration_pidns_start", NUMBER, "not in captures", e -> null);
        add("proc.pidns_init_start_ts", NUMBER, "not in captures", e -> null);
        add("proc.stdin.type", STRING, "type of fd 0", e -> fdKind(e, 0));
        add("proc.stdout.type", STRING, "type of fd 1", e -> fdKind(e, 1));
        add("proc.stderr.type", STRING, "type of fd 2", e -> fdKind(e, 2));
        add("proc.stdin.name", STRING, "name of fd 0", e -> fdName(e, 0));
        add("proc.stdout.name", STRING, "name of fd 1", e -> fdName(e, 1));
        add("proc.stderr.name", STRING, "name of fd 2", e -> fdName(e, 2));
        add("thread.tid", NUMBER, "thread id", e -> e.raw().tid());
        add("thread.vtid", NUMBER, "thread id in its namespace", e -> t(e) == null ? null : t(e).vtid());
        add("thread.ismain", BOOL, "is the main thread", e -> t(e) == null ? null : t(e).tid() == t(e).pid());
        add("thread.exectime", NUMBER, "not tracked", e -> null);
        add("thread.totexectime", NUMBER, "not tracked", e -> null);
        add("thread.cgroups", STRING, "cgroups", e -> t(e) == null ? null : String.join(" ", t(e).cgroups()));
        addWithArg("thread.cgroup", STRING, FieldInfo.Arg.REQUIRED_KEY, "cgroup of one subsystem", arg -> e -> {
            if (t(e) == null) {
                return null;
            }
            for (String cg : t(e).cgroups()) {
                if (cg.startsWith(arg + "=")) {
                    return cg.substring(arg.length() + 1);
                }
            }
            return null;
        });
        add("thread.cap_permitted", STRING, "permitted capabilities", e -> t(e) == null ? null
                : Capabilities.names(t(e).capPermitted()));
        add("thread.cap_effective", STRING, "effective capabilities", e -> t(e) == null ? null
                : Capabilities.names(t(e).capEffective()));
        add("thread.cap_inheritable", STRING, "inheritable capabilities (not in captures)", e -> null);
    }

    private void userFields() {
        add("user.uid", NUMBER, "user id", e -> t(e) == null ? null : t(e).uid());
        add("user.name", STRING, "user name", e -> t(e) == null ? null : userName(e, t(e).uid()));
        add("user.homedir", STRING, "home directory", e -> t(e) == null ? null : e.state().userHome(t(e).uid()));
        add("user.shell", STRING, "login shell (not in captures)", e -> null);
        add("user.loginuid", NUMBER, "audit login uid (-1 when unset)", e -> t(e) == null ? null
                : (long) (int) t(e).loginuid());
        add("user.loginname", STRING, "audit login user name", e -> {
            if (t(e) == null) {
                return null;
            }
            return userName(e, t(e).loginuid());
        });
        add("group.gid", NUMBER, "group id", e -> t(e) == null ? null : t(e).gid());
        add("group.name", STRING, "group name", e -> {
            if (t(e) == null) {
                return null;
            }
            return t(e).gid() == 0xffffffffL ? null : e.state().groupName(t(e).gid());
        });
    }

    private void fdFields() {
        add("fd.num", NUMBER, "descriptor number", e -> e.fdNum() < 0 && e.fd() == null ? null : e.fdNum());
        add("fd.type", STRING, "descriptor type", e -> e.fd() == null ? null : e.fd().kind().display());
        add("fd.typechar", STRING, "descriptor type as a character", e -> e.fd() == null ? null
                : String.valueOf(e.fd().kind().typechar()));
        add("fd.name", STRING, "path or socket tuple", e -> e.fd() == null ? null : e.fd().name());
        add("fd.nameraw", STRING, "name as given to the syscall", e -> e.fd() == null ? null : e.fd().name());
        add("fd.directory", STRING, "directory of a file", e -> fileOnly(e, n -> {
            int slash = n.lastIndexOf('/');
            return slash <= 0 ? "/" : n.substring(0, slash);
        }));
        add("fd.filename", STRING, "file name without directory (files only)", e -> e.fd() == null
                || e.fd().kind() != FdInfo.Kind.FILE ? null : fileOnly(e, n -> n.substring(n.lastIndexOf('/') + 1)));
        add("fd.ino", NUMBER, "inode", e -> e.fd() == null ? null : e.fd().ino());
        add("fd.dev", NUMBER, "device (not tracked)", e -> null);
        add("fd.dev.major", NUMBER, "not tracked", e -> null);
        add("fd.dev.minor", NUMBER, "not tracked", e -> null);
        addList("fd.ip", IPADDR, "client or server address", e -> sock(e) == null ? null
                : bothAddresses(e.fd()));
        add("fd.cip", IPADDR, "client address", e -> sockAddr(e, true, false));
        add("fd.sip", IPADDR, "server address", e -> sockAddr(e, false, false));
        add("fd.lip", IPADDR, "local address", e -> sockAddr(e, true, true));
        add("fd.rip", IPADDR, "remote address", e -> sockAddr(e, false, true));
        addList("fd.port", NUMBER, "client or server port", e -> sock(e) == null ? null
                : List.of((long) clientPort(e.fd()), (long) serverPort(e.fd())));
        add("fd.cport", NUMBER, "client port", e -> sockPort(e, true, false));
        add("fd.sport", NUMBER, "server port", e -> sockPort(e, false, false));
        add("fd.lport", NUMBER, "local port", e -> sockPort(e, true, true));
        add("fd.rport", NUMBER, "remote port", e -> sockPort(e, false, true));
        addList("fd.net", IPNET, "client or server network", e -> sock(e) == null ? null : bothAddresses(e.fd()));
        add("fd.cnet", IPNET, "client network", e -> sockAddr(e, true, false));
        add("fd.snet", IPNET, "server network", e -> sockAddr(e, false, false));
        add("fd.lnet", IPNET, "local network", e -> sockAddr(e, true, true));
        add("fd.rnet", IPNET, "remote network", e -> sockAddr(e, false, true));
        for (String n : List.of("fd.cip.name", "fd.sip.name", "fd.lip.name", "fd.rip.name")) {
            add(n, STRING, "resolved DNS name (not available)", e -> null);
        }
        add("fd.l4proto", STRING, "tcp, udp, icmp or raw", e -> {
            FdInfo fd = e.fd();
            if (fd == null) {
                return null;
            }
            if (fd.kind() != FdInfo.Kind.IPV4 && fd.kind() != FdInfo.Kind.IPV6) {
                return "<NA>";
            }
            return switch (fd.l4proto()) {
                case 6 -> "tcp";
                case 17 -> "udp";
                case 1 -> "icmp";
                case 255 -> "raw";
                default -> "<NA>";
            };
        });
        add("fd.sockfamily", STRING, "ip or unix", e -> {
            FdInfo fd = e.fd();
            if (fd == null) {
                return null;
            }
            return switch (fd.kind()) {
                case IPV4, IPV6 -> "ip";
                case UNIX -> "unix";
                default -> null;
            };
        });
        add("fd.is_server", BOOL, "server socket (false for other descriptors)", e -> e.fd() == null ? null
                : sock(e) != null && (e.fd().server() || !e.fd().clientRole()));
        add("fd.connected", BOOL, "connected socket (false for other descriptors)", e -> e.fd() == null ? null
                : sock(e) != null && e.fd().connected());
        add("fd.name_changed", BOOL, "the name changed with this event", e -> e.fd() == null ? null
                : e.fd().nameChanged());
        add("fd.containername", STRING, "container id and fd name", e -> e.fd() == null ? null
                : e.container().id() + ":" + e.fd().name());
        add("fd.containerdirectory", STRING, "container id and directory", e -> e.fd() == null ? null
                : e.container().id() + ":" + e.fd().name());
        for (String proto : List.of("fd.proto", "fd.cproto", "fd.sproto", "fd.lproto", "fd.rproto")) {
            add(proto, STRING, "protocol name (not resolved)", e -> null);
        }
        add("fd.uid", STRING, "unique id (thread:fd)", e -> e.fd() == null ? null : e.raw().tid() + "" + e.fdNum());
        addWithArg("fd.types", STRING, FieldInfo.Arg.OPTIONAL_INDEX, "types of the process's descriptors",
                arg -> arg == null ? e -> fdTypes(e) : e -> {
                    ThreadInfo th = t(e);
                    FdInfo fd = th == null ? null : th.fdTable().get(Long.parseLong(arg));
                    return fd == null ? null : fd.kind().display();
                });
    }

    private void fsFields() {
        add("fs.path.name", STRING, "path of a file-system event", e -> fsPath(e, "name", "path", "pathname",
                "filename", "newpath", "linkpath"));
        add("fs.path.nameraw", STRING, "path as given", e -> rawString(e, "name", "path", "pathname", "filename"));
        add("fs.path.source", STRING, "source path", e -> fsPath(e, "oldpath", "target"));
        add("fs.path.sourceraw", STRING, "source path as given", e -> rawString(e, "oldpath", "target"));
        add("fs.path.target", STRING, "target path", e -> fsPath(e, "newpath", "linkpath"));
        add("fs.path.targetraw", STRING, "target path as given", e -> rawString(e, "newpath", "linkpath"));
    }

    private void containerFields() {
        add("container.id", STRING, "short container id or host", e -> t(e) == null ? null : e.container().id());
        add("container.full_id", STRING, "container id", e -> e.container().id());
        add("container.name", STRING, "container name", e -> t(e) == null ? null : e.container().name());
        add("container.image", STRING, "image", e -> orNull(e.container().image()));
        add("container.image.id", STRING, "image id (not in captures)", e -> null);
        add("container.image.repository", STRING, "image repository", e -> orNull(e.container().imageRepository()));
        add("container.image.tag", STRING, "image tag", e -> orNull(e.container().imageTag()));
        add("container.image.digest", STRING, "image digest", e -> orNull(e.container().imageDigest()));
        add("container.type", STRING, "runtime", e -> t(e) == null ? null : e.container().type());
        add("container.privileged", BOOL, "privileged container", e -> e.container() == ContainerInfo.HOST ? null
                : e.container().privileged());
        add("container.mounts", STRING, "mounts (not in captures)", e -> null);
        for (String mount : List.of("container.mount", "container.mount.source", "container.mount.dest",
                "container.mount.mode", "container.mount.rdwr", "container.mount.propagation")) {
            addWithArg(mount, STRING, FieldInfo.Arg.REQUIRED_KEY, "mount information (not in captures)",
                    arg -> e -> null);
        }
        addWithArg("container.label", STRING, FieldInfo.Arg.REQUIRED_KEY, "label (not in captures)", arg -> e -> null);
        add("container.labels", STRING, "labels (not in captures)", e -> null);
        add("container.healthcheck", STRING, "not in captures", e -> null);
        add("container.liveness_probe", STRING, "not in captures", e -> null);
        add("container.readiness_probe", STRING, "not in captures", e -> null);
        add("container.start_ts", NUMBER, "not in captures", e -> null);
        add("container.duration", NUMBER, "not in captures", e -> null);
        add("container.ip", STRING, "not in captures", e -> null);
        add("container.cni.json", STRING, "not in captures", e -> null);
        add("container.host_pid", BOOL, "not in captures", e -> null);
        add("container.host_network", BOOL, "not in captures", e -> null);
        add("container.host_ipc", BOOL, "not in captures", e -> null);
        add("container.info", STRING, "summary for outputs", e -> e.container().id());
    }

    private void k8sFields() {
        for (String f : List.of("k8s.pod.name", "k8s.pod.id", "k8s.pod.uid", "k8s.pod.labels", "k8s.pod.ip",
                "k8s.pod.cni.json", "k8s.pod.full_sandbox_id", "k8s.pod.sandbox_id", "k8s.ns.name", "k8s.ns.id",
                "k8s.ns.labels", "k8s.rc.name", "k8s.rs.name", "k8s.svc.name", "k8s.deployment.name",
                "k8s.node.name", "k8s.ns.uid", "k8s.pod.name.remote")) {
            add(f, STRING, "Kubernetes metadata (not available from captures)", e -> null);
        }
        for (String f : List.of("k8s.pod.label", "k8s.ns.label", "k8s.rc.label", "k8s.rs.label", "k8s.svc.label",
                "k8s.deployment.label")) {
            addWithArg(f, STRING, FieldInfo.Arg.REQUIRED_KEY, "Kubernetes label (not available)", arg -> e -> null);
        }
    }

    private void ancestor(String name, FieldType type, Function<ThreadInfo, Object> getter) {
        addWithArg(new FieldInfo(name, type, false, FieldInfo.Arg.OPTIONAL_INDEX,
                "an ancestor's value; without index, any ancestor"), arg -> {
                    if (arg == null) {
                        return e -> {
                            List<Object> values = new ArrayList<>();
                            ThreadInfo cur = e.state().parent(t(e));
                            for (int i = 0; cur != null && i < 64; i++) {
                                values.add(getter.apply(cur));
                                cur = e.state().parent(cur);
                            }
                            return values.isEmpty() ? null : values;
                        };
                    }
                    int n = Integer.parseInt(arg);
                    return e -> {
                        ThreadInfo a = e.state().ancestor(t(e), n);
                        return a == null ? null : getter.apply(a);
                    };
                });
    }

    private static ThreadInfo t(SyscallEvent e) {
        return e.thread();
    }

    private static Object p(SyscallEvent e, int n, Function<ThreadInfo, Object> getter) {
        ThreadInfo a = e.state().ancestor(t(e), n);
        return a == null ? null : getter.apply(a);
    }

    private static Object sessionLeader(SyscallEvent e, Function<ThreadInfo, Object> getter) {
        return leader(e, ThreadInfo::sid, getter);
    }

    private static Object groupLeader(SyscallEvent e, Function<ThreadInfo, Object> getter) {
        return leader(e, ThreadInfo::vpgid, getter);
    }

    /**
     * The leader of the thread's session or process group, as libsinsp finds it: outside a pid namespace the
     * process whose pid is the id, when known; otherwise the highest ancestor (the thread itself at least) that
     * still has the same id.
     */
    private static Object leader(SyscallEvent e, java.util.function.ToLongFunction<ThreadInfo> idOf,
                                 Function<ThreadInfo, Object> getter) {
        ThreadInfo t = t(e);
        if (t == null) {
            return null;
        }
        long id = idOf.applyAsLong(t);
        boolean inPidNamespace = t.vtid() >= 0 && t.vtid() != t.tid();
        if (!inPidNamespace) {
            ThreadInfo leader = e.state().thread(id);
            if (leader != null) {
                return getter.apply(leader);
            }
        }
        ThreadInfo leader = t;
        // libsinsp walks from a thread to its process's main thread first, then up the parents
        ThreadInfo cur = t.mainThread() != null && t.mainThread() != t ? t.mainThread() : e.state().parent(t);
        for (int i = 0; cur != null && i < 256 && idOf.applyAsLong(cur) == id; i++) {
            leader = cur;
            cur = e.state().parent(cur);
        }
        return getter.apply(leader);
    }

    private static Object loginShell(SyscallEvent e) {
        Long found = null;
        ThreadInfo cur = t(e);
        for (int i = 0; cur != null && i < 64; i++) {
            String c = cur.comm();
            if (c.endsWith("sh")) {
                found = cur.pid();
            }
            cur = e.state().parent(cur);
        }
        return found;
    }

    /** The name of {@code uid} in the capture's user list; none when the list does not have it, as in libsinsp. */
    private static String userName(SyscallEvent e, long uid) {
        return uid == 0xffffffffL ? null : e.state().userName(uid);
    }

    /** No value instead of an empty one: libsinsp extracts nothing for an image or a name it does not know. */
    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String time(long ts) {
        return TIME.format(Instant.ofEpochSecond(ts / 1_000_000_000L)) + "." + String.format("%09d",
                ts % 1_000_000_000L);
    }

    /** {@code 2016-08-04T16:17:57.881781397+0000}, as Falco prints evt.time.iso8601. */
    public static String iso8601(long ts) {
        return DATE.format(Instant.ofEpochSecond(ts / 1_000_000_000L)) + "T" + time(ts) + "+0000";
    }

    private static String category(int c) {
        return switch (c) {
            case 1 -> "other";
            case 2 -> "file";
            case 3 -> "net";
            case 4 -> "IPC";
            case 5 -> "memory";
            case 6 -> "process";
            case 7 -> "sleep";
            case 8 -> "system";
            case 9 -> "signal";
            case 10 -> "user";
            case 11 -> "time";
            case 12 -> "processing";
            case 32 -> "IO_READ";
            case 33 -> "IO_WRITE";
            case 34 -> "IO_OTHER";
            case 64 -> "wait";
            case 128 -> "scheduler";
            case 256 -> "internal";
            default -> "unknown";
        };
    }

    /**
     * {@code evt.args}: every parameter as {@code name=value} followed by its resolved form in parentheses when it has
     * one, each followed by a space, as libsinsp prints them; nothing for generic syscall events.
     */
    private static String args(SyscallEvent e) {
        ScapEvent raw = e.raw();
        int code = raw.info().code();
        if (code == EventTable.GENERIC_E || code == EventTable.GENERIC_X) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.paramCount() && i < raw.info().params().size(); i++) {
            ParamRenderer.Text text = ParamRenderer.text(e, i);
            out.append(raw.info().params().get(i).name()).append('=');
            if (text != null) {
                out.append(text.text());
                if (!text.resolved().isEmpty()) {
                    out.append('(').append(text.resolved()).append(')');
                }
            }
            out.append(' ');
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface ParamReader {
        Object read(SyscallEvent e, int index);
    }

    private static Extractor<SyscallEvent> paramExtractor(String arg, ParamReader reader) {
        boolean numeric = !arg.isEmpty() && arg.chars().allMatch(Character::isDigit);
        if (numeric) {
            int index = Integer.parseInt(arg);
            return e -> reader.read(e, index);
        }
        return e -> reader.read(e, e.raw().paramIndex(arg));
    }

    private static byte[] bytesParam(SyscallEvent e, String name) {
        int i = e.raw().paramIndex(name);
        return i < 0 ? null : e.raw().paramBytes(i);
    }

    private static Long result(SyscallEvent e) {
        if (e.isEnter() || e.raw().paramCount() == 0) {
            return null;
        }
        String first = e.raw().info().params().getFirst().name();
        if (!first.equals("res") && !first.equals("fd") && !first.equals("res_or_fd")) {
            return null;
        }
        return e.raw().paramLong(0);
    }

    private static boolean isOpen(SyscallEvent e) {
        String t = e.typeName();
        return t.equals("open") || t.equals("openat") || t.equals("openat2") || t.equals("creat")
                || t.equals("open_by_handle_at");
    }

    /** An open flag of an open exit event; false for every other event, as in libsinsp. */
    private static Boolean openFlag(SyscallEvent e, long bit) {
        if (!isOpen(e) || e.isEnter()) {
            return false;
        }
        int i = e.raw().paramIndex("flags");
        if (i < 0) {
            return e.typeName().equals("creat") && bit != 1;
        }
        Long flags = e.raw().paramLong(i);
        return flags != null && (flags & bit) != 0;
    }

    private static Object fileOnly(SyscallEvent e, Function<String, String> f) {
        FdInfo fd = e.fd();
        if (fd == null || (fd.kind() != FdInfo.Kind.FILE && fd.kind() != FdInfo.Kind.DIRECTORY)) {
            return null;
        }
        return f.apply(fd.name());
    }

    private static FdInfo sock(SyscallEvent e) {
        FdInfo fd = e.fd();
        return fd != null && (fd.kind() == FdInfo.Kind.IPV4 || fd.kind() == FdInfo.Kind.IPV6) && fd.sip() != null
                ? fd : null;
    }

    private static List<Object> bothAddresses(FdInfo fd) {
        List<Object> out = new ArrayList<>();
        out.add(SocketAddresses.ipToString(fd.sip()));
        if (fd.dip() != null) {
            out.add(SocketAddresses.ipToString(fd.dip()));
        }
        return out;
    }

    private static int clientPort(FdInfo fd) {
        return fd.sport();
    }

    private static int serverPort(FdInfo fd) {
        return fd.server() ? fd.sport() : fd.dport();
    }

    /** Client = tuple source, server = tuple destination; local/remote follow the process's role. */
    private static Object sockAddr(SyscallEvent e, boolean clientOrLocal, boolean localRemote) {
        FdInfo fd = sock(e);
        if (fd == null) {
            return null;
        }
        if (fd.server()) {
            return clientOrLocal && !localRemote ? null : SocketAddresses.ipToString(fd.sip());
        }
        boolean source = localRemote ? (clientOrLocal == fd.clientRole()) : clientOrLocal;
        byte[] ip = source ? fd.sip() : fd.dip();
        return ip == null ? null : SocketAddresses.ipToString(ip);
    }

    private static Object sockPort(SyscallEvent e, boolean clientOrLocal, boolean localRemote) {
        FdInfo fd = sock(e);
        if (fd == null) {
            return null;
        }
        if (fd.server()) {
            return clientOrLocal && !localRemote ? null : (long) fd.sport();
        }
        boolean source = localRemote ? (clientOrLocal == fd.clientRole()) : clientOrLocal;
        return (long) (source ? fd.sport() : fd.dport());
    }

    private static Object fdKind(SyscallEvent e, long n) {
        ThreadInfo th = t(e);
        FdInfo fd = th == null ? null : th.fdTable().get(n);
        return fd == null ? null : fd.kind().display();
    }

    private static Object fdName(SyscallEvent e, long n) {
        ThreadInfo th = t(e);
        FdInfo fd = th == null ? null : th.fdTable().get(n);
        return fd == null ? null : fd.name();
    }

    private static Object fdTypes(SyscallEvent e) {
        ThreadInfo th = t(e);
        if (th == null) {
            return null;
        }
        return th.fdTable().values().stream().map(f -> (Object) f.kind().display()).distinct().toList();
    }

    private static String rawString(SyscallEvent e, String... names) {
        for (String name : names) {
            int i = e.raw().paramIndex(name);
            if (i >= 0) {
                return e.raw().paramString(i);
            }
        }
        return null;
    }

    private static String fsPath(SyscallEvent e, String... names) {
        String raw = rawString(e, names);
        if (raw == null || t(e) == null) {
            return raw;
        }
        if (raw.startsWith("/")) {
            return raw;
        }
        String cwd = t(e).cwd();
        return cwd.isEmpty() ? raw : (cwd.endsWith("/") ? cwd : cwd + "/") + raw;
    }
}
