package dev.bulwark.vuln.version;

/**
 * A scheme that parses each version into a value and compares the values. Splitting the two lets a
 * {@link VersionCache} parse each distinct string once per match however often it is compared.
 *
 * @param <V> the parsed form
 */
public abstract sealed class ParsingVersionScheme<V> implements VersionScheme
        permits ApkVersionScheme, ComposerVersionScheme, DpkgVersionScheme, NugetVersionScheme, Pep440VersionScheme,
        RpmVersionScheme, RubyGemsVersionScheme, SemverVersionScheme, VersatileVersionScheme {

    /** The parsed form of {@code version}; throws {@link InvalidVersionException} when it is not one. */
    abstract V parse(String version);

    /** Compares two parsed versions: negative, zero or positive. */
    abstract int compareParsed(V a, V b);

    @Override
    public final int compare(String a, String b) {
        return compareParsed(parse(a), parse(b));
    }
}
