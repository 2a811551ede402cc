package dev.bulwark.runtime.state;

/**
 * One open file descriptor of a process, as far as the capture tells: its kind, name (path, socket tuple, pipe) and
 * socket addresses. Mutable: connect/bind/accept events fill in the addresses of a socket created earlier.
 */
public final class FdInfo {

    /** Descriptor kinds, with the names and characters Falco prints for {@code fd.type}/{@code fd.typechar}. */
    public enum Kind {
        FILE("file", 'f'), DIRECTORY("directory", 'd'), IPV4("ipv4", '4'), IPV6("ipv6", '6'), UNIX("unix", 'u'),
        PIPE("pipe", 'p'), EVENT("event", 'e'), SIGNALFD("signalfd", 's'), EVENTPOLL("eventpoll", 'l'),
        INOTIFY("inotify", 'i'), TIMERFD("timerfd", 't'), NETLINK("netlink", 'n'), BPF("bpf", 'b'),
        USERFAULTFD("userfaultfd", 'u'), IOURING("io_uring", 'r'), MEMFD("memfd", 'm'), PIDFD("pidfd", 'P'),
        UNSUPPORTED("unknown", 'o');

        private final String display;
        private final char typechar;

        Kind(String display, char typechar) {
            this.display = display;
            this.typechar = typechar;
        }

        public String display() {
            return display;
        }

        public char typechar() {
            return typechar;
        }

        public boolean isSocket() {
            return this == IPV4 || this == IPV6 || this == UNIX || this == NETLINK;
        }
    }

    final long fd;
    Kind kind;
    String name;
    long openFlags;
    long ino;
    byte[] sip;
    byte[] dip;
    int sport;
    int dport;
    /** 0 unknown, 6 tcp, 17 udp, 1 icmp, 255 raw. */
    int l4proto;
    boolean server;
    boolean connected;
    boolean nameChanged;
    /** True when this process is the client end of the connection (connect), false for the server end (accept). */
    boolean clientRole = true;
    /** The name before the last change (for {@code fd.name_changed}). */
    String oldName;

    FdInfo(long fd, Kind kind, String name) {
        this.fd = fd;
        this.kind = kind;
        this.name = name == null ? "" : name;
    }

    FdInfo copy(long newFd) {
        FdInfo c = new FdInfo(newFd, kind, name);
        c.openFlags = openFlags;
        c.ino = ino;
        c.sip = sip;
        c.dip = dip;
        c.sport = sport;
        c.dport = dport;
        c.l4proto = l4proto;
        c.server = server;
        c.connected = connected;
        c.clientRole = clientRole;
        return c;
    }

    public long fd() {
        return fd;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public long openFlags() {
        return openFlags;
    }

    public long ino() {
        return ino;
    }

    public byte[] sip() {
        return sip;
    }

    public byte[] dip() {
        return dip;
    }

    public int sport() {
        return sport;
    }

    public int dport() {
        return dport;
    }

    public int l4proto() {
        return l4proto;
    }

    public boolean server() {
        return server;
    }

    public boolean connected() {
        return connected;
    }

    public boolean clientRole() {
        return clientRole;
    }

    public boolean nameChanged() {
        return nameChanged;
    }
}
