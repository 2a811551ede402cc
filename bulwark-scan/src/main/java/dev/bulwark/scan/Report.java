package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Package;
import dev.bulwark.sbom.Relationship;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One scan's report, the single model every output format renders and {@code bulwark convert} reads back from JSON:
 * what was scanned ({@link Artifact}) and, per target (OS packages, each language lockfile/binary/jar, the image
 * config, each config or secret-bearing file), its packages and findings.
 *
 * @param schemaVersion the JSON report's schema version ({@value #SCHEMA_VERSION})
 * @param toolVersion Bulwark's version
 * @param createdAt when the scan ran
 * @param artifact what was scanned
 * @param results one per target, in a stable order (OS packages, language targets by path, image config, files)
 * @param relationships dependencies between packages (ends are {@link dev.bulwark.sbom.Inventory#key} values)
 * @param warnings problems that did not stop the scan (unreadable files, expired ignore entries), one line each
 */
public record Report(int schemaVersion, String toolVersion, Instant createdAt, Artifact artifact,
                     List<Result> results, List<Relationship> relationships, List<String> warnings) {

    /** The version of the JSON report's structure (docs/json-report.md); bumped on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    public Report {
        Objects.requireNonNull(toolVersion, "toolVersion is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(artifact, "artifact is null");
        results = List.copyOf(results);
        relationships = List.copyOf(relationships);
        warnings = List.copyOf(warnings);
    }

    /** Every reported (not suppressed) finding, over all targets. */
    public Stream<Finding> findings() {
        return results.stream().flatMap(Result::findings);
    }

    /** Every package, over all targets. */
    public List<Package> packages() {
        return results.stream().flatMap(r -> r.packages().stream()).toList();
    }

    /** The layer a finding was introduced in: the package's layer for vulnerabilities, else the file's. */
    public Optional<Artifact.Layer> layerOf(Finding finding) {
        LayerRef ref = switch (finding) {
            case dev.bulwark.core.VulnerabilityFinding v -> v.pkg().layer() != null ? v.pkg().layer()
                    : v.location().layer();
            case dev.bulwark.core.SecretFinding s -> s.location().layer();
            case dev.bulwark.core.Misconfiguration m -> m.location().layer();
        };
        return ref == null ? Optional.empty() : artifact.layer(ref.index());
    }

    /** A copy with other results and warnings (filters and suppression). */
    public Report withResults(List<Result> newResults, List<String> newWarnings) {
        return new Report(schemaVersion, toolVersion, createdAt, artifact, newResults, relationships, newWarnings);
    }
}
