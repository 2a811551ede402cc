package dev.bulwark.vuln.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SemVer 2.0 precedence, as OSV {@code SEMVER} ranges require (crates.io, Hex, Bitnami, DHI, Go after
 * normalisation). Lenient where advisory data is: a leading {@code v} and missing minor/patch ({@code 1.2} =
 * {@code 1.2.0}) are accepted; build metadata is ignored.
 *
 * <p>Written here: versatile's npm scheme (semver4j, strict) rejects {@code 1.2}, which real SEMVER ranges contain.
 */
public final class SemverVersionScheme extends ParsingVersionScheme<Matcher> {

    private static final Pattern SEMVER = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    @Override
    public String name() {
        return "semver";
    }

    @Override
    int compareParsed(Matcher x, Matcher y) {
        for (int g = 1; g <= 3; g++) {
            int c = compareNumeric(x.group(g) == null ? "0" : x.group(g), y.group(g) == null ? "0" : y.group(g));
            if (c != 0) {
                return c;
            }
        }
        return comparePrerelease(x.group(4), y.group(4));
    }

    @Override
    Matcher parse(String v) {
        Matcher m = v == null ? null : SEMVER.matcher(v.strip());
        if (m == null || !m.matches()) {
            throw new InvalidVersionException(name(), v);
        }
        return m;
    }

    static int compareNumeric(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : 1;
        }
        return Integer.signum(x.compareTo(y));
    }

    private static String stripZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }

    /** A release (no pre-release) is higher than any pre-release; identifiers compare numerically or in ASCII. */
    static int comparePrerelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = isNumeric(x[i]);
            boolean yn = isNumeric(y[i]);
            int c;
            if (xn && yn) {
                c = compareNumeric(x[i], y[i]);
            } else if (xn || yn) {
                c = xn ? -1 : 1;
            } else {
                c = Integer.signum(x[i].compareTo(y[i]));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
