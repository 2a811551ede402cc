package dev.bulwark.vuln.osv;

import java.util.List;
import java.util.Map;

/**
 * One {@code affected[]} entry: a package in an ecosystem and the versions of it that are affected.
 *
 * @param ecosystem the ecosystem as written, e.g. {@code Debian:11}, {@code Alpine:v3.11}, {@code Maven}
 * @param name the package name as written
 * @param purl the package URL, or {@code null}
 * @param ranges version ranges (GIT ranges included; matchers skip them)
 * @param versions explicitly listed affected versions
 * @param severity per-package severity (Bitnami, Hackage put it here)
 * @param ecosystemSpecific {@code ecosystem_specific}, possibly empty
 * @param databaseSpecific {@code database_specific}, possibly empty
 */
public record OsvAffected(String ecosystem, String name, String purl, List<OsvRange> ranges, List<String> versions,
                          List<OsvSeverity> severity, Map<String, Object> ecosystemSpecific,
                          Map<String, Object> databaseSpecific) {

    public OsvAffected {
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
        severity = List.copyOf(severity);
        ecosystemSpecific = Map.copyOf(ecosystemSpecific);
        databaseSpecific = Map.copyOf(databaseSpecific);
    }
}
