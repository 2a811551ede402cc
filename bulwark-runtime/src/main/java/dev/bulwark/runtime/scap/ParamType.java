package dev.bulwark.runtime.scap;

/** How an event parameter is encoded in a capture (libscap's {@code ppm_param_type}). */
public enum ParamType {
    NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR, SOCKTUPLE, FD,
    PID, FDLIST, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY, BOOL, IPV4ADDR, DYN, FLAGS8,
    FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET, CHARBUFARRAY, CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR,
    IPNET, MODE, FSRELPATH;

    /** True for the fixed-width integer encodings (including flags, fds, pids, times). */
    public boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, ERRNO, FD, PID, SYSCALLID, SIGTYPE, RELTIME,
                 ABSTIME, PORT, L4PROTO, SOCKFAMILY, BOOL, FLAGS8, FLAGS16, FLAGS32, UID, GID, SIGSET, MODE -> true;
            default -> false;
        };
    }

    /** True when the value is signed. */
    public boolean isSigned() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, ERRNO, FD, PID -> true;
            default -> false;
        };
    }

    /** True for text-like encodings. */
    public boolean isString() {
        return this == CHARBUF || this == FSPATH || this == FSRELPATH;
    }
}
