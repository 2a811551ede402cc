package dev.bulwark.sbom;

import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import java.util.List;

/**
 * Everything an image, root filesystem or directory contains, as judged in its final filesystem: the distribution,
 * every OS and language package with the layer that introduced it, the dependency relationships known, and the
 * warnings about files that could not be read (each naming the file).
 *
 * @param os the distribution, or {@code null} when no release file was found (a directory, a scratch image)
 * @param packages the packages, OS packages first, each group sorted by name, version and path
 * @param relationships dependencies and containment between packages (ends are {@link #key} values)
 * @param warnings malformed or unreadable inputs, one line each naming the file and the problem
 */
public record Inventory(OperatingSystem os, List<Package> packages, List<Relationship> relationships,
                        List<String> warnings) {

    public Inventory {
        packages = List.copyOf(packages);
        relationships = List.copyOf(relationships);
        warnings = List.copyOf(warnings);
    }

    /** The OS packages (dpkg, apk, rpm). */
    public List<Package> osPackages() {
        return packages.stream().filter(p -> p.type().isOperatingSystem()).toList();
    }

    /** The packages of one type. */
    public List<Package> packages(PackageType type) {
        return packages.stream().filter(p -> p.type() == type).toList();
    }

    /**
     * A key that identifies a package within one inventory, independent of its layer attribution: type, name,
     * version, arch and primary path. Used as the ends of {@link Relationship}s and as SBOM {@code bom-ref}s.
     */
    public static String key(Package p) {
        return p.type().purlType() + ":" + p.name() + "@" + p.version() + (p.arch() != null ? "?arch=" + p.arch() : "")
                + (p.path() != null ? "#" + p.path() : "");
    }
}
