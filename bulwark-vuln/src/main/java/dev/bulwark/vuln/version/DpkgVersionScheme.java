package dev.bulwark.vuln.version;

/**
 * Debian package versions, {@code [epoch:]upstream[-revision]}, ordered as deb-version(7) says: epochs numerically,
 * then upstream and revision alternating non-digit runs (letters before non-letters, {@code ~} before everything,
 * even the end) and digit runs (numerically).
 *
 * <p>Written here rather than taken from versatile 0.7.0, whose {@code DebianVersion} throws a
 * {@code NullPointerException} when only one side has a revision ({@code 1.0} vs {@code 1.0-1}).
 */
public final class DpkgVersionScheme extends ParsingVersionScheme<DpkgVersionScheme.Parts> {

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    int compareParsed(Parts x, Parts y) {
        int c = Long.compare(x.epoch, y.epoch);
        if (c != 0) {
            return c;
        }
        c = compareFragment(x.upstream, y.upstream);
        return c != 0 ? c : compareFragment(x.revision, y.revision);
    }

    record Parts(long epoch, String upstream, String revision) {
    }

    @Override
    Parts parse(String version) {
        if (version == null) {
            throw new InvalidVersionException(name(), version);
        }
        String v = version.strip();
        long epoch = 0;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty() || e.length() > 9 || !e.chars().allMatch(Character::isDigit)) {
                throw new InvalidVersionException(name(), version);
            }
            epoch = Long.parseLong(e);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String upstream = dash >= 0 ? v.substring(0, dash) : v;
        String revision = dash >= 0 ? v.substring(dash + 1) : "";
        if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0)) && !isAsciiLetter(upstream.charAt(0))) {
            throw new InvalidVersionException(name(), version);
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (!(Character.isDigit(ch) || isAsciiLetter(ch) || ".+-~:".indexOf(ch) >= 0)) {
                throw new InvalidVersionException(name(), version);
            }
        }
        return new Parts(epoch, upstream, revision);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while (i < a.length() && !Character.isDigit(a.charAt(i))
                    || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }
}
