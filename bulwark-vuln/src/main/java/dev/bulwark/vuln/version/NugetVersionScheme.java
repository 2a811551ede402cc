package dev.bulwark.vuln.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet versions ordered like {@code NuGetVersion}: up to four numeric parts (missing = 0), then SemVer 2.0
 * pre-release precedence with labels compared case-insensitively; build metadata ignored.
 *
 * <p>Written here: versatile 0.7.0 maps {@code nuget} to a generic comparison.
 */
public final class NugetVersionScheme extends ParsingVersionScheme<Matcher> {

    private static final Pattern NUGET = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    @Override
    public String name() {
        return "nuget";
    }

    @Override
    int compareParsed(Matcher x, Matcher y) {
        for (int g = 1; g <= 4; g++) {
            int c = SemverVersionScheme.compareNumeric(x.group(g) == null ? "0" : x.group(g),
                    y.group(g) == null ? "0" : y.group(g));
            if (c != 0) {
                return c;
            }
        }
        return SemverVersionScheme.comparePrerelease(lower(x.group(5)), lower(y.group(5)));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    Matcher parse(String v) {
        Matcher m = v == null ? null : NUGET.matcher(v.strip());
        if (m == null || !m.matches()) {
            throw new InvalidVersionException(name(), v);
        }
        return m;
    }
}
