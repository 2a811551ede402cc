package dev.bulwark.vuln.version;

import io.github.nscuro.versatile.version.Version;
import io.github.nscuro.versatile.version.VersioningScheme;

/**
 * A scheme backed by {@code io.github.nscuro:versatile}, used where its implementation is right: Maven
 * ({@code ComparableVersion}), npm (node-semver rules) and Go (semver with {@code v}, pseudo-versions,
 * {@code +incompatible}). The order tests in {@code src/test/resources/versions/} hold it to that.
 */
public final class VersatileVersionScheme extends ParsingVersionScheme<Version> {

    private final String name;
    private final VersioningScheme scheme;

    private VersatileVersionScheme(String name, VersioningScheme scheme) {
        this.name = name;
        this.scheme = scheme;
    }

    public static VersatileVersionScheme maven() {
        return new VersatileVersionScheme("maven", VersioningScheme.MAVEN);
    }

    public static VersatileVersionScheme npm() {
        return new VersatileVersionScheme("npm", VersioningScheme.NPM);
    }

    public static VersatileVersionScheme go() {
        return new VersatileVersionScheme("go", VersioningScheme.GOLANG);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    int compareParsed(Version a, Version b) {
        return Integer.signum(a.compareTo(b));
    }

    @Override
    Version parse(String v) {
        if (v == null || v.isBlank()) {
            throw new InvalidVersionException(name, v);
        }
        try {
            return Version.forScheme(scheme, v.strip());
        } catch (RuntimeException e) {
            throw new InvalidVersionException(name, v);
        }
    }
}
