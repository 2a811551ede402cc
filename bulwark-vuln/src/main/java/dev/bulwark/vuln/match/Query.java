package dev.bulwark.vuln.match;

import dev.bulwark.vuln.version.VersionScheme;
import java.util.List;

/**
 * How to look one package up: in which ecosystems, under which name keys, with which version and scheme.
 *
 * @param ecosystems the advisory ecosystems to search, e.g. {@code Debian:11}
 * @param names lookup keys (see {@code PackageKey}), e.g. the source package name
 * @param version the version to compare
 * @param scheme the ecosystem's version order
 */
public record Query(List<String> ecosystems, List<String> names, String version, VersionScheme scheme) {

    public Query {
        ecosystems = List.copyOf(ecosystems);
        names = List.copyOf(names);
    }
}
