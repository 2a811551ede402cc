package dev.bulwark.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One installed package, as an inventory reports it and a matcher looks it up.
 *
 * <p>OS packages carry the source package because distribution advisories (Debian, Alpine, Red Hat) are written
 * against source packages, while users install binary ones.
 *
 * @param type the packaging system
 * @param name the name as the ecosystem writes it: dpkg/apk/rpm binary name, {@code group:artifact} for Maven,
 *     {@code @scope/name} for npm, module path for Go
 * @param version the full version as the ecosystem writes it: dpkg {@code [epoch:]upstream[-revision]}, rpm
 *     {@code [epoch:]version-release}, apk {@code version-rN}, language packages verbatim
 * @param arch the architecture, or {@code null} when the ecosystem has none
 * @param sourceName the source package (dpkg {@code Source:}, apk origin, rpm source RPM name), or {@code null}
 * @param sourceVersion the source package's version when it differs from {@code version}, else {@code null}
 * @param purl the package URL, with distribution qualifiers for OS packages
 * @param licenses declared licenses (SPDX ids or expressions where the package declares them), possibly empty
 * @param locations where the package was found; the first is the primary one (the database file, jar or manifest)
 * @param layer the layer that introduced this package (not necessarily the layer of the database file), or
 *     {@code null} outside images
 * @param properties further facts worth keeping: {@code sha1} of a jar, rpm {@code modularitylabel}, Go
 *     {@code replace}, etc.
 */
public record Package(
        PackageType type,
        String name,
        String version,
        String arch,
        String sourceName,
        String sourceVersion,
        String purl,
        List<String> licenses,
        List<Location> locations,
        LayerRef layer,
        Map<String, String> properties) {

    public Package {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(version, "version is null");
        licenses = List.copyOf(licenses);
        locations = List.copyOf(locations);
        properties = Map.copyOf(properties);
    }

    /** The primary path (first location), or {@code null} when the package has no location. */
    public String path() {
        return locations.isEmpty() ? null : locations.getFirst().path();
    }

    /** The source package name, falling back to the binary name. */
    public String sourceNameOrName() {
        return sourceName != null ? sourceName : name;
    }

    /** The source package version, falling back to the binary version. */
    public String sourceVersionOrVersion() {
        return sourceVersion != null ? sourceVersion : version;
    }

    /** A copy attributed to another layer. */
    public Package withLayer(LayerRef newLayer) {
        return new Package(type, name, version, arch, sourceName, sourceVersion, purl, licenses, locations, newLayer,
                properties);
    }
}
