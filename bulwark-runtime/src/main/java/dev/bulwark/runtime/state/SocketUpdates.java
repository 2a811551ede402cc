package dev.bulwark.runtime.state;

import dev.bulwark.runtime.scap.SocketAddresses;

/** Mutates socket descriptors for the capture decoder, which lives in another package. */
public final class SocketUpdates {

    private SocketUpdates() {
    }

    public static void setTuple(FdInfo fd, FdInfo.Kind kind, byte[] sip, int sport, byte[] dip, int dport,
                                boolean client) {
        String old = fd.name;
        fd.clientRole = client;
        fd.kind = kind;
        fd.sip = sip;
        fd.sport = sport;
        fd.dip = dip;
        fd.dport = dport;
        fd.server = false;
        fd.name = SocketAddresses.endpoint(sip, sport) + "->" + SocketAddresses.endpoint(dip, dport);
        if (fd.l4proto == 0) {
            fd.l4proto = 6;
        }
        markRename(fd, old);
    }

    public static void setServer(FdInfo fd, FdInfo.Kind kind, byte[] ip, int port) {
        String old = fd.name;
        fd.kind = kind;
        fd.sip = ip;
        fd.sport = port;
        fd.server = true;
        fd.name = SocketAddresses.endpoint(ip, port);
        markRename(fd, old);
    }

    public static void setUnix(FdInfo fd, String path) {
        String old = fd.name;
        fd.kind = FdInfo.Kind.UNIX;
        if (!path.isEmpty()) {
            fd.name = path;
        }
        markRename(fd, old);
    }

    private static void markRename(FdInfo fd, String old) {
        fd.nameChanged = old != null && !old.isEmpty() && !old.equals(fd.name);
        fd.oldName = old;
    }
}
