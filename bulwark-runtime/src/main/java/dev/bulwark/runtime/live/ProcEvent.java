package dev.bulwark.runtime.live;

/** A process event of the kernel's process connector (CN_PROC), for the threads' thread-group ids. */
sealed interface ProcEvent {

    /** {@code parentTid} of process {@code parentPid} created thread {@code childTid} of process {@code childPid}. */
    record Fork(long parentTid, long parentPid, long childTid, long childPid) implements ProcEvent {
    }

    /** Process {@code pid} (thread {@code tid}) replaced its program. */
    record Exec(long tid, long pid) implements ProcEvent {
    }

    /** Thread {@code tid} of process {@code pid} exited. */
    record Exit(long tid, long pid, long exitCode) implements ProcEvent {
    }

    /** Any other kind (uid, sid, comm, ptrace changes; the subscription acknowledgement). */
    record Other(long what) implements ProcEvent {
    }
}
