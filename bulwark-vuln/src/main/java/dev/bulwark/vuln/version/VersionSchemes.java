package dev.bulwark.vuln.version;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every version scheme Bulwark knows, by {@link VersionScheme#name()}. Stateless instances, safe to share. */
public final class VersionSchemes {

    public static final VersionScheme DPKG = new DpkgVersionScheme();
    public static final VersionScheme RPM = new RpmVersionScheme();
    public static final VersionScheme APK = new ApkVersionScheme();
    public static final VersionScheme SEMVER = new SemverVersionScheme();
    public static final VersionScheme MAVEN = VersatileVersionScheme.maven();
    public static final VersionScheme NPM = VersatileVersionScheme.npm();
    public static final VersionScheme GO = VersatileVersionScheme.go();
    public static final VersionScheme PEP440 = new Pep440VersionScheme();
    public static final VersionScheme RUBYGEMS = new RubyGemsVersionScheme();
    public static final VersionScheme NUGET = new NugetVersionScheme();
    public static final VersionScheme COMPOSER = new ComposerVersionScheme();

    private static final Map<String, VersionScheme> BY_NAME = List.of(DPKG, RPM, APK, SEMVER, MAVEN, NPM, GO,
            PEP440, RUBYGEMS, NUGET, COMPOSER).stream().collect(Collectors.toUnmodifiableMap(VersionScheme::name,
            Function.identity()));

    private VersionSchemes() {
    }

    /** The scheme named {@code name}, or {@code null}. */
    public static VersionScheme byName(String name) {
        return BY_NAME.get(name);
    }

    public static List<VersionScheme> all() {
        return List.copyOf(BY_NAME.values());
    }
}
