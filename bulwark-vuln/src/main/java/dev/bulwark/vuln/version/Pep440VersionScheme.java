package dev.bulwark.vuln.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package versions ordered by PEP 440: epoch, release (trailing zeros ignored), then
 * dev &lt; pre-release &lt; release &lt; post-release, then the local label. Accepts the spec's alternative spellings
 * ({@code alpha}, {@code c}, {@code -1} for {@code .post1}, separators {@code -_.}).
 *
 * <p>Written here: versatile 0.7.0 maps {@code pypi} to a generic comparison.
 */
public final class Pep440VersionScheme extends ParsingVersionScheme<Pep440VersionScheme.Key> {

    // The regular expression of PEP 440, Appendix B.
    private static final Pattern PEP440 = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    @Override
    public String name() {
        return "pep440";
    }

    record Key(BigInteger epoch, List<BigInteger> release, int preRank, BigInteger pre, boolean hasPost,
                       BigInteger post, boolean hasDev, BigInteger dev, String[] local) {
    }

    @Override
    int compareParsed(Key x, Key y) {
        int c = x.epoch.compareTo(y.epoch);
        if (c != 0) {
            return c;
        }
        int n = Math.max(x.release.size(), y.release.size());
        for (int i = 0; i < n; i++) {
            BigInteger p = i < x.release.size() ? x.release.get(i) : BigInteger.ZERO;
            BigInteger q = i < y.release.size() ? y.release.get(i) : BigInteger.ZERO;
            c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(x.preRank, y.preRank);
        if (c != 0) {
            return c;
        }
        c = x.pre.compareTo(y.pre);
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(x.hasPost, y.hasPost);
        if (c != 0) {
            return c;
        }
        c = x.post.compareTo(y.post);
        if (c != 0) {
            return c;
        }
        // A dev release sorts before the same version without one.
        c = Boolean.compare(!x.hasDev, !y.hasDev);
        if (c != 0) {
            return c;
        }
        c = x.dev.compareTo(y.dev);
        return c != 0 ? c : compareLocal(x.local, y.local);
    }

    @Override
    Key parse(String version) {
        if (version == null) {
            throw new InvalidVersionException(name(), null);
        }
        Matcher m = PEP440.matcher(version.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidVersionException(name(), version);
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        while (release.size() > 1 && release.getLast().signum() == 0) {
            release.removeLast();
        }
        boolean hasPre = m.group("pre") != null;
        boolean hasPost = m.group("post") != null;
        boolean hasDev = m.group("dev") != null;
        int preRank;
        if (hasPre) {
            preRank = switch (m.group("prel")) {
                case "a", "alpha" -> 1;
                case "b", "beta" -> 2;
                default -> 3;
            };
        } else if (hasDev && !hasPost) {
            preRank = 0; // 1.0.dev1 sorts before 1.0a1
        } else {
            preRank = 4; // no pre-release: above every pre-release
        }
        BigInteger pre = number(m.group("pren"));
        String postNumber = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
        String local = m.group("local");
        String[] localParts = local == null ? new String[0] : local.split("[-_.]");
        return new Key(epoch, release, preRank, pre, hasPost, number(postNumber), hasDev, number(m.group("devn")),
                localParts);
    }

    private static BigInteger number(String s) {
        return s == null ? BigInteger.ZERO : new BigInteger(s);
    }

    /** No local label sorts first; numeric segments beat alphanumeric ones; more segments sort later. */
    private static int compareLocal(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].chars().allMatch(Character::isDigit);
            boolean bn = b[i].chars().allMatch(Character::isDigit);
            int c;
            if (an && bn) {
                c = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
            } else if (an != bn) {
                c = an ? 1 : -1;
            } else {
                c = a[i].compareTo(b[i]);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
