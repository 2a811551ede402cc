package dev.bulwark.vuln.store;

import java.util.Locale;

/**
 * The lookup key of a package name in an ecosystem, the same at import and at match time: PyPI names normalised
 * as PEP 503 says, Maven, NuGet and Packagist names lower-cased (they are case-insensitive), all others verbatim.
 */
public final class PackageKey {

    private PackageKey() {
    }

    public static String of(String ecosystem, String name) {
        String base = baseEcosystem(ecosystem);
        String n = name.strip();
        return switch (base) {
            case "PyPI" -> n.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            case "Maven", "NuGet", "Packagist" -> n.toLowerCase(Locale.ROOT);
            default -> n;
        };
    }

    /** The ecosystem without its release suffix: {@code Debian:11} gives {@code Debian}. */
    public static String baseEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
