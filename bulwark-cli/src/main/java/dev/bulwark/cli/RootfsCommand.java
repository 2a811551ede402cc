package dev.bulwark.cli;

import dev.bulwark.core.InputException;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import dev.bulwark.scan.ScanTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark rootfs}: scan an unpacked root filesystem (a directory holding /etc, /usr, ...). */
@Command(name = "rootfs", sortOptions = false,
        header = "Scan an unpacked root filesystem (a directory holding /etc, /usr, ...).")
final class RootfsCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to scan.")
    private Path directory;

    @Mixin
    private ScannerOptions scanners;

    @Option(names = "--list-all-pkgs", order = 21,
            description = "List every package, also those without findings (SBOM formats always do).")
    private boolean listAllPackages;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FindingOptions findings;

    @Override
    public Integer call() {
        ScanReporting reporting = ScanReporting.prepare(root, output, findings, listAllPackages);
        scanners.selected(output.format);
        Path dir = root.resolve(directory).normalize();
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), "not a directory");
        }
        ImageOpener opener = new ImageOpener(ImageOptions.defaults(root.cacheDir().resolve("tmp")));
        return ScanCommands.scan(root, opener, new ScanTarget.RootFilesystem(dir), scanners, LayerCache.disabled(),
                null, output.format, reporting);
    }
}
