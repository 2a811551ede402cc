package dev.bulwark.sbom;

import dev.bulwark.core.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the analyzers found in one layer, before the final filesystem is known: a pure function of the layer's
 * content and the analyzers' versions, so it can be cached by diffID.
 *
 * @param packages packages with the file that decides whether they survive (a jar, a package database)
 * @param databases package database files this layer wrote, even those that list no package (a rewrite that
 *     removed everything still breaks the continuity of a package)
 * @param ownedFiles files owned by OS packages, keyed by the database file that lists them
 * @param releaseFiles content of OS release files by path
 * @param relationships dependencies found in this layer
 * @param warnings problems, each naming the file
 */
public record LayerResult(List<Found> packages, Set<String> databases, Map<String, List<String>> ownedFiles,
                          Map<String, String> releaseFiles, List<Relationship> relationships,
                          List<String> warnings) {

    /**
     * One package and the file that decides whether it is in the final filesystem.
     *
     * @param pkg the package (OS packages without purl: the distribution is known only after the walk)
     * @param file the database file, or the outermost file of a language package (the jar, not the nested jar)
     * @param database true for packages listed in a database that each layer rewrites as a whole (dpkg status, apk
     *     installed, rpmdb): such a package is attributed to the lowest layer from which it is listed continuously
     */
    public record Found(Package pkg, String file, boolean database) {
        public Found {
            Objects.requireNonNull(pkg, "pkg is null");
            Objects.requireNonNull(file, "file is null");
        }
    }

    public LayerResult {
        packages = List.copyOf(packages);
        databases = Set.copyOf(databases);
        ownedFiles = Map.copyOf(ownedFiles);
        releaseFiles = Map.copyOf(releaseFiles);
        relationships = List.copyOf(relationships);
        warnings = List.copyOf(warnings);
    }

    public static Builder builder(String where) {
        return new Builder(where);
    }

    /** Collects one layer's results; used by one thread. */
    public static final class Builder {
        private static final Logger LOG = LoggerFactory.getLogger(LayerResult.class);
        private final String where;
        private final List<Found> packages = new ArrayList<>();
        private final Set<String> databases = new LinkedHashSet<>();
        private final Map<String, List<String>> ownedFiles = new LinkedHashMap<>();
        private final Map<String, String> releaseFiles = new LinkedHashMap<>();
        private final List<Relationship> relationships = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** Every file something was recorded for, so that {@link #rewritten} is cheap for all other entries. */
        private final Set<String> recorded = new java.util.HashSet<>();

        private Builder(String where) {
            this.where = where;
        }

        /** A package listed in a package database that is rewritten as a whole by each layer. */
        public Builder databasePackage(String databaseFile, Package pkg) {
            databases.add(databaseFile);
            recorded.add(databaseFile);
            packages.add(new Found(pkg, databaseFile, true));
            return this;
        }

        /** Marks a database file as written by this layer (call even when it lists nothing). */
        public Builder database(String databaseFile) {
            databases.add(databaseFile);
            recorded.add(databaseFile);
            return this;
        }

        /** A package found in (or as) {@code file}. */
        public Builder filePackage(String file, Package pkg) {
            recorded.add(file);
            packages.add(new Found(pkg, file, false));
            return this;
        }

        /** Files that OS packages own, as listed by {@code listFile}. */
        public Builder ownedFiles(String listFile, List<String> paths) {
            recorded.add(listFile);
            ownedFiles.computeIfAbsent(listFile, k -> new ArrayList<>()).addAll(paths);
            return this;
        }

        public Builder releaseFile(String path, String content) {
            recorded.add(path);
            releaseFiles.put(path, content);
            return this;
        }

        public Builder relationship(Package parent, Package child, Relationship.Type type) {
            relationships.add(new Relationship(Inventory.key(parent), Inventory.key(child), type));
            return this;
        }

        /**
         * The layer holds {@code file} again (a duplicate tar entry): what was found in its earlier copy is
         * dropped, since extracting the layer keeps only the last one. Warnings stay.
         */
        public Builder rewritten(String file) {
            if (recorded.remove(file)) {
                packages.removeIf(f -> f.file().equals(file));
                databases.remove(file);
                ownedFiles.remove(file);
                releaseFiles.remove(file);
            }
            return this;
        }

        /** Records a problem with {@code file}; the scan goes on. */
        public Builder warn(String file, String problem) {
            String line = file + ": " + problem;
            LOG.warn("{}: {}", where, line);
            warnings.add(line);
            return this;
        }

        public LayerResult build() {
            return new LayerResult(packages, databases, ownedFiles, releaseFiles, relationships, warnings);
        }
    }
}
