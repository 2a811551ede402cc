package dev.bulwark.runtime.condition;

import java.net.InetAddress;

/** Parses IP addresses and CIDR networks given as literals (never resolves host names). */
public final class IpValues {

    private IpValues() {
    }

    /** The address bytes of a literal IPv4/IPv6 address, or {@code null} when {@code text} is not one. */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || !(text.indexOf(':') >= 0 || Character.isDigit(text.charAt(0)))) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A network: address bytes and prefix length. */
    public record Network(byte[] address, int prefix) {

        /** Whether {@code candidate} lies inside this network. */
        public boolean contains(byte[] candidate) {
            if (candidate == null || candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    /** {@code a.b.c.d/n} or an address (a host network); {@code null} when not parseable. */
    public static Network parseNetwork(String text) {
        int slash = text.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                return null;
            }
        }
        return new Network(address, prefix);
    }
}
