package dev.bulwark.runtime.scap;

import dev.bulwark.runtime.state.FdInfo;
import dev.bulwark.runtime.state.SocketUpdates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the socket parameters of capture events ({@code PT_SOCKADDR}, {@code PT_SOCKTUPLE}: a family byte, then
 * addresses in network order and ports in host order) into fd state and Falco's text forms.
 */
public final class SocketAddresses {

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private SocketAddresses() {
    }

    /** {@code ip:port}, IPv6 without brackets as Falco prints it. */
    public static String endpoint(byte[] ip, int port) {
        return ipToString(ip) + ":" + port;
    }

    public static String ipToString(byte[] ip) {
        if (ip == null) {
            return "";
        }
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        try {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= ip[i] == 0;
            }
            if (mapped && ip[10] == (byte) 0xff && ip[11] == (byte) 0xff) {
                return (ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff);
            }
            return ip.length == 16 ? ipv6ToString(ip) : InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    /**
     * An IPv6 address as {@code inet_ntop} prints it (RFC 5952): groups in lower-case hex without leading zeros, the
     * longest run of two or more zero groups (the first of equals) written {@code ::}.
     */
    static String ipv6ToString(byte[] ip) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (ip[2 * i] & 0xff) << 8 | ip[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** A sockaddr parameter as text ({@code ip:port} or a unix path). */
    public static String sockaddrToString(ScapEvent raw, int index) {
        int len = raw.paramLength(index);
        if (len < 1) {
            return "";
        }
        byte[] b = raw.data();
        int off = raw.paramOffset(index);
        int family = b[off] & 0xff;
        return switch (family) {
            case AF_INET -> len >= 7 ? endpoint(slice(b, off + 1, 4), port(b, off + 5)) : "";
            case AF_INET6 -> len >= 19 ? endpoint(slice(b, off + 1, 16), port(b, off + 17)) : "";
            case AF_UNIX -> cString(b, off + 1, len - 1);
            default -> "";
        };
    }

    /**
     * Fills a socket fd from a tuple; {@code localIsSource} says whether the tuple's source side is this process's
     * end (connect/send) or the peer's (accept as seen by the server: the client is the source).
     */
    public static void applyTuple(FdInfo fd, ScapEvent raw, int index, boolean localIsSource) {
        int len = raw.paramLength(index);
        byte[] b = raw.data();
        int off = raw.paramOffset(index);
        if (len < 1) {
            return;
        }
        int family = b[off] & 0xff;
        switch (family) {
            case AF_INET -> {
                if (len >= 13) {
                    SocketUpdates.setTuple(fd, FdInfo.Kind.IPV4, slice(b, off + 1, 4), port(b, off + 5),
                            slice(b, off + 7, 4), port(b, off + 11), localIsSource);
                }
            }
            case AF_INET6 -> {
                if (len >= 37) {
                    byte[] sip = slice(b, off + 1, 16);
                    byte[] dip = slice(b, off + 19, 16);
                    SocketUpdates.setTuple(fd, isV4Mapped(sip) && isV4Mapped(dip) ? FdInfo.Kind.IPV4
                            : FdInfo.Kind.IPV6, v4IfMapped(sip), port(b, off + 17), v4IfMapped(dip),
                            port(b, off + 35), localIsSource);
                }
            }
            case AF_UNIX -> {
                String path = len > 17 ? cString(b, off + 17, len - 17) : "";
                SocketUpdates.setUnix(fd, path);
            }
            default -> {
            }
        }
    }

    /** Records the local address a socket was bound to: it becomes a server socket. */
    public static void applyBind(FdInfo fd, ScapEvent raw, int index) {
        int len = raw.paramLength(index);
        byte[] b = raw.data();
        int off = raw.paramOffset(index);
        if (len < 1) {
            return;
        }
        int family = b[off] & 0xff;
        switch (family) {
            case AF_INET -> {
                if (len >= 7) {
                    SocketUpdates.setServer(fd, FdInfo.Kind.IPV4, slice(b, off + 1, 4), port(b, off + 5));
                }
            }
            case AF_INET6 -> {
                if (len >= 19) {
                    SocketUpdates.setServer(fd, FdInfo.Kind.IPV6, slice(b, off + 1, 16), port(b, off + 17));
                }
            }
            case AF_UNIX -> SocketUpdates.setUnix(fd, cString(b, off + 1, len - 1));
            default -> {
            }
        }
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static byte[] v4IfMapped(byte[] ip) {
        return isV4Mapped(ip) ? slice(ip, 12, 4) : ip;
    }

    private static int port(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }
}
