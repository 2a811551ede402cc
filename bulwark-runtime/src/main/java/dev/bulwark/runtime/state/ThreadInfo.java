package dev.bulwark.runtime.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread of the process table that the state tracker keeps while events stream (like libsinsp's thread table):
 * identity, executable and arguments, credentials, working directory, container, and (for the main thread) the
 * open file descriptors shared by all threads of the process.
 */
public final class ThreadInfo {

    final long tid;
    long pid;
    long ptid;
    long sid = -1;
    long vpgid = -1;
    long vtid = -1;
    long vpid = -1;
    String comm = "";
    String exe = "";
    String exepath = "";
    List<String> args = List.of();
    List<String> env = List.of();
    String cwd = "";
    long uid = 0xffffffffL;
    long gid = 0xffffffffL;
    long loginuid = 0xffffffffL;
    long tty;
    long flags;
    long capPermitted;
    long capEffective;
    long cloneTs;
    long exeIno;
    List<String> cgroups = List.of();
    String root = "";
    String containerId = "";
    Map<Long, FdInfo> fds = new HashMap<>();
    /** The fd named by the last enter event, used by its exit event (libsinsp's lastevent_fd). */
    long lastEventFd = -1;
    /** Data from the last enter event that its exit event needs (connect address, socket domain/type). */
    long lastEnterType = -1;
    long lastEnterA;
    long lastEnterB;
    long lastEnterC;
    String lastEnterPath;
    /** True for an entry made up for a thread first seen mid-capture (see {@code StateTracker}). */
    boolean placeholder;
    /** The main thread of this thread's process, set by the tracker. */
    ThreadInfo main;

    ThreadInfo(long tid) {
        this.tid = tid;
        this.pid = tid;
    }

    public long tid() {
        return tid;
    }

    public long pid() {
        return pid;
    }

    public long ptid() {
        return ptid;
    }

    public long sid() {
        return sid;
    }

    public long vpgid() {
        return vpgid;
    }

    public long vtid() {
        return vtid;
    }

    public long vpid() {
        return vpid;
    }

    public String comm() {
        return comm;
    }

    public String exe() {
        return exe;
    }

    public String exepath() {
        return exepath;
    }

    public List<String> args() {
        return args;
    }

    public List<String> env() {
        return env;
    }

    public String cwd() {
        return cwd;
    }

    public long uid() {
        return uid;
    }

    public long gid() {
        return gid;
    }

    public long loginuid() {
        return loginuid;
    }

    public long tty() {
        return tty;
    }

    public long capPermitted() {
        return capPermitted;
    }

    public long capEffective() {
        return capEffective;
    }

    public long cloneTs() {
        return cloneTs;
    }

    public List<String> cgroups() {
        return cgroups;
    }

    public String containerId() {
        return containerId;
    }

    /** The main thread of this thread's process (itself when it is the main thread or its process is unknown). */
    public ThreadInfo mainThread() {
        return main != null ? main : this;
    }

    /** The fd table shared by the process's threads. */
    public Map<Long, FdInfo> fdTable() {
        return main != null && main != this ? main.fds : fds;
    }

    /** {@code proc.cmdline}: comm followed by the arguments. */
    public String cmdline() {
        if (args.isEmpty()) {
            return comm;
        }
        StringBuilder b = new StringBuilder(comm);
        for (String a : args) {
            b.append(' ').append(a);
        }
        return b.toString();
    }

    public String env(String name) {
        String prefix = name + "=";
        for (String e : env) {
            if (e.startsWith(prefix)) {
                return e.substring(prefix.length());
            }
        }
        return null;
    }
}
