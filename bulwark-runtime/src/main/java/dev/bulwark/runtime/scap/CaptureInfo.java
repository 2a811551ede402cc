package dev.bulwark.runtime.scap;

import java.util.List;
import java.util.Map;

/**
 * What a capture's header blocks say about the machine at capture start: machine info, the process table with each
 * process's open files, users and groups, network interfaces.
 */
public record CaptureInfo(int majorVersion, int minorVersion, String hostname, int cpus, List<ThreadRecord> threads,
                          Map<Long, List<FdRecord>> fds, Map<Long, String> users, Map<Long, String> userHomes,
                          Map<Long, String> groups) {

    /** A process-table entry (libscap {@code scap_threadinfo}). */
    public record ThreadRecord(long tid, long pid, long ptid, long sid, long vpgid, String comm, String exe,
                               String exepath, List<String> args, String cwd, long fdlimit, long flags, long uid,
                               long gid, List<String> env, long vtid, long vpid, List<String> cgroups, String root,
                               long loginuid, long capPermitted, long capEffective, long tty) {
    }

    /** A file-descriptor entry; the address fields apply to sockets only. */
    public record FdRecord(long fd, long ino, int type, String name, long openFlags, byte[] sip, byte[] dip,
                           int sport, int dport, int l4proto) {
    }
}
