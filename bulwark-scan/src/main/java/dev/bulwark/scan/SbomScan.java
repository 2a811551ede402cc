package dev.bulwark.scan;

import dev.bulwark.core.Package;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.scan.internal.ResultAssembler;
import dev.bulwark.scan.sbom.SbomContents;
import dev.bulwark.scan.sbom.SbomReader;
import dev.bulwark.vuln.VulnDatabase;
import dev.bulwark.vuln.VulnerabilityMatcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bulwark sbom}: reads the packages and distribution of a CycloneDX or SPDX SBOM (Bulwark's, Syft's, Trivy's)
 * and matches them against the vulnerability database, into the same {@link Report} an image scan gives.
 */
public final class SbomScan {

    private SbomScan() {
    }

    /**
     * @throws dev.bulwark.core.InputException naming the file when it is not a readable SBOM
     * @throws dev.bulwark.core.DatabaseException when the database is missing or invalid
     */
    public static Report scan(Path file, ScanSettings settings) {
        SbomContents contents = SbomReader.read(file);
        List<VulnerabilityFinding> vulnerabilities;
        try (VulnDatabase database = ScanPipeline.openDatabase(settings.cacheDir())) {
            vulnerabilities = new VulnerabilityMatcher(database).match(contents.os(), contents.packages());
        }
        String name = file.getFileName().toString();
        Artifact artifact = new Artifact(name, Artifact.Type.SBOM, List.of(), List.of(), null, null, contents.os(),
                List.of(), null);
        List<Package> packages = contents.packages();
        List<String> warnings = new ArrayList<>(contents.warnings());
        if (packages.isEmpty()) {
            warnings.add(file + ": the " + contents.format() + " document lists no package with a package URL");
        }
        return new Report(Report.SCHEMA_VERSION, settings.toolVersion(), settings.now(), artifact,
                ResultAssembler.assemble(name, contents.os(), packages, vulnerabilities, List.of(), List.of()),
                List.of(), warnings);
    }
}
