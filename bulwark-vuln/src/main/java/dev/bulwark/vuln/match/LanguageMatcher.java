package dev.bulwark.vuln.match;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.vuln.store.PackageKey;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.List;

/**
 * Language packages (Maven, npm, PyPI, Go, crates.io, RubyGems, Packagist, NuGet, Hex), independent of the
 * distribution: one OSV ecosystem and one version scheme per package type. Go's standard library is looked up as
 * {@code stdlib} with its {@code go} prefix removed ({@code go1.19.8} is {@code 1.19.8}).
 */
public record LanguageMatcher() implements Matcher {

    @Override
    public String name() {
        return "language";
    }

    /** The OSV ecosystem of a language package type, or {@code null}. */
    public static String ecosystem(PackageType type) {
        return switch (type) {
            case MAVEN -> "Maven";
            case NPM -> "npm";
            case PYPI -> "PyPI";
            case GOLANG -> "Go";
            case CARGO -> "crates.io";
            case GEM -> "RubyGems";
            case COMPOSER -> "Packagist";
            case NUGET -> "NuGet";
            case HEX -> "Hex";
            case DEB, APK, RPM, GENERIC -> null;
        };
    }

    static VersionScheme scheme(PackageType type) {
        return switch (type) {
            case MAVEN -> VersionSchemes.MAVEN;
            case NPM -> VersionSchemes.NPM;
            case PYPI -> VersionSchemes.PEP440;
            case GOLANG -> VersionSchemes.GO;
            case CARGO, HEX -> VersionSchemes.SEMVER;
            case GEM -> VersionSchemes.RUBYGEMS;
            case COMPOSER -> VersionSchemes.COMPOSER;
            case NUGET -> VersionSchemes.NUGET;
            case DEB, APK, RPM, GENERIC -> null;
        };
    }

    @Override
    public Query query(Package pkg) {
        String ecosystem = ecosystem(pkg.type());
        if (ecosystem == null) {
            return null;
        }
        String version = pkg.version();
        if (pkg.type() == PackageType.GOLANG && pkg.name().equals("stdlib") && version.startsWith("go")) {
            version = version.substring(2);
        }
        return new Query(List.of(ecosystem), List.of(PackageKey.of(ecosystem, pkg.name())), version,
                scheme(pkg.type()));
    }
}
