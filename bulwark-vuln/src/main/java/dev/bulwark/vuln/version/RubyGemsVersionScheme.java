package dev.bulwark.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems versions ordered like {@code Gem::Version#<=>}: segments split at dots and at digit/letter boundaries,
 * numbers compared numerically, any letter segment makes a pre-release that sorts below the numeric segment it
 * stands against, trailing zero segments ignored.
 *
 * <p>Written here: versatile 0.7.0 maps {@code gem} to a generic comparison.
 */
public final class RubyGemsVersionScheme extends ParsingVersionScheme<List<Object>> {

    private static final Pattern VALID = Pattern.compile("[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z.-]+)?");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    @Override
    public String name() {
        return "rubygems";
    }

    @Override
    int compareParsed(List<Object> x, List<Object> y) {
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Object p = i < x.size() ? x.get(i) : "0";
            Object q = i < y.size() ? y.get(i) : "0";
            int c = compareSegment(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareSegment(Object p, Object q) {
        boolean pn = p instanceof String s && isNumber(s);
        boolean qn = q instanceof String s && isNumber(s);
        if (pn && qn) {
            return SemverVersionScheme.compareNumeric((String) p, (String) q);
        }
        if (pn != qn) {
            return pn ? 1 : -1;
        }
        return Integer.signum(((String) p).compareTo((String) q));
    }

    private static boolean isNumber(String s) {
        return Character.isDigit(s.charAt(0));
    }

    @Override
    List<Object> parse(String version) {
        if (version == null || !VALID.matcher(version.strip()).matches()) {
            throw new InvalidVersionException(name(), version);
        }
        // Gem::Version turns "1.0-beta" into "1.0.pre.beta".
        String v = version.strip().replace("-", ".pre.");
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(v);
        while (m.find()) {
            out.add(m.group());
        }
        // Canonical segments: trailing zeros of the release part (and before a pre-release) do not count.
        int firstLetter = out.size();
        for (int i = 0; i < out.size(); i++) {
            if (!isNumber((String) out.get(i))) {
                firstLetter = i;
                break;
            }
        }
        List<Object> release = new ArrayList<>(out.subList(0, firstLetter));
        while (release.size() > 1 && isZero((String) release.getLast())) {
            release.removeLast();
        }
        release.addAll(out.subList(firstLetter, out.size()));
        return release;
    }

    private static boolean isZero(String s) {
        return s.chars().allMatch(c -> c == '0');
    }
}
