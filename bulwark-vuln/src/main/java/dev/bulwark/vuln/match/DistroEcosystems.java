package dev.bulwark.vuln.match;

import dev.bulwark.core.OperatingSystem;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The advisory ecosystems for a detected distribution: {@code Debian:12}, {@code Ubuntu:22.04[:LTS]},
 * {@code Alpine:v3.20}, {@code AlmaLinux:9}, {@code Rocky Linux:9}, {@code Wolfi}, {@code Chainguard}.
 *
 * <p>RHEL rebuilds without OSV data of their own borrow AlmaLinux's ({@link #fallbacks}): CentOS Linux 8 and CentOS
 * Stream, RHEL, and Rocky when no Rocky data is imported. AlmaLinux and CentOS both rebuild RHEL from the same
 * sources with the same package names and versions, so AlmaLinux's fixed versions (less the {@code .alma} release
 * suffix) are the RHEL fixes a CentOS system needs.
 *
 * @param family the os-release id
 * @param primary the distribution's own ecosystems
 * @param fallbacks ecosystems used only when the database has none of {@code primary}
 */
public record DistroEcosystems(String family, List<String> primary, List<String> fallbacks) {

    private static final Set<String> RHEL_REBUILDS = Set.of("centos", "rhel", "rocky", "ol", "eurolinux",
            "circle", "navix");

    public DistroEcosystems {
        primary = List.copyOf(primary);
        fallbacks = List.copyOf(fallbacks);
    }

    /** The ecosystems for {@code os}; empty lists when no OSV data exists for it. */
    public static DistroEcosystems of(OperatingSystem os) {
        String family = os.family().toLowerCase(Locale.ROOT);
        String version = os.versionId().strip();
        String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
        String majorMinor = majorMinor(version);
        return switch (family) {
            case "debian" -> new DistroEcosystems(family, major.isEmpty() ? List.of() : List.of("Debian:" + major),
                    List.of());
            case "ubuntu" -> new DistroEcosystems(family, List.of("Ubuntu:" + majorMinor, "Ubuntu:" + majorMinor
                    + ":LTS", "Ubuntu:Pro:" + majorMinor + ":LTS"), List.of());
            case "alpine" -> new DistroEcosystems(family, List.of("Alpine:v" + majorMinor), List.of());
            case "wolfi" -> new DistroEcosystems(family, List.of("Wolfi"), List.of());
            case "chainguard" -> new DistroEcosystems(family, List.of("Chainguard"), List.of());
            case "almalinux" -> new DistroEcosystems(family, List.of("AlmaLinux:" + major), List.of());
            case "rocky" -> new DistroEcosystems(family, List.of("Rocky Linux:" + major),
                    List.of("AlmaLinux:" + major));
            default -> RHEL_REBUILDS.contains(family) && !major.equals("7") && !major.isEmpty()
                    ? new DistroEcosystems(family, List.of(), List.of("AlmaLinux:" + major))
                    : new DistroEcosystems(family, List.of(), List.of());
        };
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /** The ecosystems to search given what the database holds. */
    public List<String> select(Set<String> available) {
        boolean own = primary.stream().anyMatch(available::contains);
        return own || fallbacks.isEmpty() ? primary : fallbacks;
    }
}
