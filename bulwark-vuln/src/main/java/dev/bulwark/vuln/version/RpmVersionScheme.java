package dev.bulwark.vuln.version;

/**
 * RPM versions, {@code [epoch:]version[-release]}, ordered like librpm: epochs numerically (missing = 0), then
 * version and release with {@code rpmvercmp} (alphanumeric segments, digits beat letters, {@code ~} sorts before
 * everything and {@code ^} after the end but before any further segment).
 *
 * <p>Written here rather than taken from versatile 0.7.0, whose {@code RpmVersion} throws a
 * {@code NullPointerException} when only one side has a release ({@code 1.0} vs {@code 1.0-1}).
 */
public final class RpmVersionScheme extends ParsingVersionScheme<RpmVersionScheme.Evr> {

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    int compareParsed(Evr x, Evr y) {
        int c = Long.compare(x.epoch, y.epoch);
        if (c != 0) {
            return c;
        }
        c = rpmvercmp(x.version, y.version);
        return c != 0 ? c : rpmvercmp(x.release, y.release);
    }

    record Evr(long epoch, String version, String release) {
    }

    @Override
    Evr parse(String evr) {
        if (evr == null || evr.isBlank()) {
            throw new InvalidVersionException(name(), evr);
        }
        String v = evr.strip();
        long epoch = 0;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty() || e.length() > 9 || !e.chars().allMatch(Character::isDigit)) {
                throw new InvalidVersionException(name(), evr);
            }
            epoch = Long.parseLong(e);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String version = dash >= 0 ? v.substring(0, dash) : v;
        String release = dash >= 0 ? v.substring(dash + 1) : "";
        if (version.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidVersionException(name(), evr);
        }
        return new Evr(epoch, version, release);
    }

    private static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** librpm's {@code rpmvercmp}, including the {@code ~} and {@code ^} rules of rpm 4.15+. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean at = i < a.length() && a.charAt(i) == '~';
            boolean bt = j < b.length() && b.charAt(j) == '~';
            if (at || bt) {
                if (!at) {
                    return 1;
                }
                if (!bt) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean ac = i < a.length() && a.charAt(i) == '^';
            boolean bc = j < b.length() && b.charAt(j) == '^';
            if (ac || bc) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ac) {
                    return 1;
                }
                if (!bc) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = isDigit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && isAlpha(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isAlpha(b.charAt(j))) {
                    j++;
                }
            }
            if (sj == j) {
                return numeric ? 1 : -1;
            }
            String sa = a.substring(si, i);
            String sb = b.substring(sj, j);
            if (numeric) {
                sa = stripZeros(sa);
                sb = stripZeros(sb);
                if (sa.length() != sb.length()) {
                    return sa.length() > sb.length() ? 1 : -1;
                }
            }
            int c = sa.compareTo(sb);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }

    private static String stripZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }
}
