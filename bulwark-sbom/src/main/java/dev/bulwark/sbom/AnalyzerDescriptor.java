package dev.bulwark.sbom;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link PackageAnalyzer} is: its stable identity (name and version, used as layer-cache keys and in report
 * provenance), the ecosystem it reports, the files it reads (for documentation and tests) and its tags, by which a
 * scan selects analyzers (a directory scan runs only {@link Tag#LOCKFILE} analyzers).
 *
 * @param name stable name, e.g. {@code dpkg-status}
 * @param version bumped whenever the analyzer's output for the same input changes
 * @param ecosystem e.g. {@code deb}, {@code maven}
 * @param globs the paths it reads, as globs, e.g. {@code /var/lib/dpkg/status}
 * @param tags what kind of analyzer it is
 */
public record AnalyzerDescriptor(String name, int version, String ecosystem, List<String> globs, Set<Tag> tags) {

    /** Kinds of analyzers. */
    public enum Tag {
        /** Reads release files to detect the distribution. */
        OS_RELEASE,
        /** Reads a package database of the distribution (dpkg, apk, rpm). */
        OS_PACKAGES,
        /** Reads packages as installed (jars, node_modules, dist-info, binaries). */
        INSTALLED,
        /** Reads lockfiles and manifests of a source tree. */
        LOCKFILE
    }

    public AnalyzerDescriptor {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(ecosystem, "ecosystem is null");
        globs = List.copyOf(globs);
        tags = Set.copyOf(tags);
    }

    /** {@code name@version}, the key under which this analyzer's per-layer results may be cached. */
    public String cacheKey() {
        return name + "@" + version;
    }
}
