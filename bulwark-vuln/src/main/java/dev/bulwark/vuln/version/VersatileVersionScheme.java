package dev.bulwark.vuln.version;

import io.github.nscuro.versatile.version.Version;
import io.github.nscuro.versatile.version.VersioningScheme;
import java.util.regex.Pattern;

/**
 * A scheme backed by {@code io.github.nscuro:versatile}, used where its implementation is right: Maven
 * ({@code ComparableVersion}), npm (node-semver rules) and Go (semver with {@code v}, pseudo-versions,
 * {@code +incompatible}). The order tests in {@code src/test/resources/versions/} hold it to that.
 */
public final class VersatileVersionScheme extends ParsingVersionScheme<Version> {

    /**
     * node-semver's loose version grammar (its {@code LOOSE} expression). versatile's npm parser also takes strings
     * npm refuses, such as {@code 1.2.3.4} or {@code 2.0.0.beta1}, and orders them inconsistently (each one below the
     * other), so those are invalid here, as they are for npm.
     */
    private static final Pattern NPM_LOOSE = Pattern.compile("[v=\\s]*\\d+\\.\\d+\\.\\d+"
            + "(?:-?(?:\\d+|\\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\\.(?:\\d+|\\d*[a-zA-Z-][a-zA-Z0-9-]*))*)?"
            + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?\\s*");

    private final String name;
    private final VersioningScheme scheme;
    private final Pattern syntax;

    private VersatileVersionScheme(String name, VersioningScheme scheme, Pattern syntax) {
        this.name = name;
        this.scheme = scheme;
        this.syntax = syntax;
    }

    public static VersatileVersionScheme maven() {
        return new VersatileVersionScheme("maven", VersioningScheme.MAVEN, null);
    }

    public static VersatileVersionScheme npm() {
        return new VersatileVersionScheme("npm", VersioningScheme.NPM, NPM_LOOSE);
    }

    public static VersatileVersionScheme go() {
        return new VersatileVersionScheme("go", VersioningScheme.GOLANG, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    int compareParsed(Version a, Version b) {
        if (a.toString().equals(b.toString())) {
            return 0; // versatile's npm order is not even reflexive for numeric identifiers beyond int
        }
        try {
            return Integer.signum(a.compareTo(b));
        } catch (RuntimeException e) {
            // versatile's Go comparison parses numeric parts as int: NumberFormatException beyond 2^31
            throw new InvalidVersionException(name, a + " vs " + b);
        }
    }

    @Override
    Version parse(String v) {
        if (v == null || v.isBlank() || (syntax != null && !syntax.matcher(v).matches())) {
            throw new InvalidVersionException(name, v);
        }
        try {
            return Version.forScheme(scheme, v.strip());
        } catch (RuntimeException e) {
            throw new InvalidVersionException(name, v);
        }
    }
}
