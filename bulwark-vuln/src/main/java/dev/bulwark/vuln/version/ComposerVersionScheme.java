package dev.bulwark.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer (Packagist) versions: Composer's normalisation ({@code v} prefix dropped, four numeric parts, stability
 * suffix) compared like PHP's {@code version_compare}: {@code dev} &lt; {@code alpha} &lt; {@code beta} &lt;
 * {@code RC} &lt; release &lt; {@code patch}/{@code pl}.
 *
 * <p>Written here: versatile 0.7.0 has no Composer scheme.
 */
public final class ComposerVersionScheme extends ParsingVersionScheme<ComposerVersionScheme.Key> {

    private static final Pattern COMPOSER = Pattern.compile(
            "v?(\\d+(?:\\.\\d+){0,3})(?:[._-]?(dev|alpha|a|beta|b|rc|c|patch|pl|p)(?:[._-]?(\\d+))?)?(?:\\+.*)?",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "composer";
    }

    record Key(List<String> numbers, int stability, String stabilityNumber) {
    }

    @Override
    int compareParsed(Key x, Key y) {
        for (int i = 0; i < 4; i++) {
            int c = SemverVersionScheme.compareNumeric(x.numbers.get(i), y.numbers.get(i));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.stability, y.stability);
        return c != 0 ? c : SemverVersionScheme.compareNumeric(x.stabilityNumber, y.stabilityNumber);
    }

    @Override
    Key parse(String version) {
        Matcher m = version == null ? null : COMPOSER.matcher(version.strip());
        if (m == null || !m.matches()) {
            throw new InvalidVersionException(name(), version);
        }
        List<String> numbers = new ArrayList<>(List.of(m.group(1).split("\\.")));
        while (numbers.size() < 4) {
            numbers.add("0");
        }
        int stability = 4;
        if (m.group(2) != null) {
            stability = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "dev" -> 0;
                case "alpha", "a" -> 1;
                case "beta", "b" -> 2;
                case "rc", "c" -> 3;
                default -> 5;
            };
        }
        return new Key(numbers, stability, m.group(3) == null ? "0" : m.group(3));
    }
}
