package dev.bulwark.cli;

import dev.bulwark.core.InputException;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.SbomScan;
import dev.bulwark.scan.ScanSettings;
import dev.bulwark.scan.Scanner;
import dev.bulwark.image.LayerCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark sbom}: match the packages of an existing SBOM against the vulnerability database. */
@Command(name = "sbom", sortOptions = false,
        header = "Scan an SBOM (CycloneDX JSON/XML, SPDX JSON/tag-value) for vulnerabilities.",
        description = "Reads the packages (by package URL) and the distribution of an SBOM written by Bulwark, "
                + "Syft, Trivy or any other tool, and matches them against the vulnerability database.")
final class SbomCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "The SBOM file.")
    private Path file;

    @Option(names = "--list-all-pkgs", order = 21,
            description = "List every package, also those without findings.")
    private boolean listAllPackages;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FindingOptions findings;

    @Override
    public Integer call() {
        ScanReporting reporting = ScanReporting.prepare(root, output, findings, listAllPackages);
        Path sbom = root.resolve(file);
        if (!Files.isRegularFile(sbom)) {
            throw new InputException(sbom.toString(), "no such file");
        }
        Report report = SbomScan.scan(sbom, new ScanSettings(EnumSet.of(Scanner.VULN), LayerCache.disabled(),
                root.cacheDir(), null, VersionInfo.bulwarkVersion(), Instant.now()));
        return reporting.finish(report);
    }
}
