package dev.bulwark.cli;

import dev.bulwark.core.InputException;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark convert}: re-render a saved JSON report in another format, without scanning again. */
@Command(name = "convert", sortOptions = false,
        header = "Re-render a JSON report (--format json) in another format, without scanning again.",
        description = "Filters, suppressions and gates apply as in a scan, so a saved report can be gated or "
                + "turned into SARIF, CycloneDX, JUnit, ... later.")
final class ConvertCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(index = "0", paramLabel = "REPORT", description = "A report written with --format json.")
    private Path file;

    @Option(names = "--list-all-pkgs", order = 21, description = "List every package (table).")
    private boolean listAllPackages;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FindingOptions findings;

    @Override
    public Integer call() {
        ScanReporting reporting = ScanReporting.prepare(root, output, findings, listAllPackages);
        Path report = root.resolve(file);
        if (!Files.isRegularFile(report)) {
            throw new InputException(report.toString(), "no such file");
        }
        Report saved = ReportJson.read(report);
        return reporting.finish(saved);
    }
}
