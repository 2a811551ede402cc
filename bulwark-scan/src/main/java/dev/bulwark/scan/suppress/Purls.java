package dev.bulwark.scan.suppress;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Just enough package-URL handling to compare purls written by different tools. */
final class Purls {

    private Purls() {
    }

    /** The purl without qualifiers and subpath, percent-decoded, type lower case. */
    static String base(String purl) {
        String s = purl.trim();
        int cut = s.length();
        for (char c : new char[] {'?', '#'}) {
            int at = s.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        s = URLDecoder.decode(s.substring(0, cut).replace("+", "%2B"), StandardCharsets.UTF_8);
        int slash = s.indexOf('/');
        return slash > 0 ? s.substring(0, slash).toLowerCase(Locale.ROOT) + s.substring(slash) : s;
    }

    /** A base purl without its {@code @version}. */
    static String withoutVersion(String base) {
        int at = base.lastIndexOf('@');
        int slash = base.lastIndexOf('/');
        return at > slash ? base.substring(0, at) : base;
    }
}
