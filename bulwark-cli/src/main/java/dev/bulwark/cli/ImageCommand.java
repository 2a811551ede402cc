package dev.bulwark.cli;

import dev.bulwark.core.Progress;
import dev.bulwark.core.UsageException;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.RegistryEnvironment;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.ScanPipeline;
import dev.bulwark.scan.ScanResult;
import dev.bulwark.scan.ScanTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark image}: scan a container image from a registry or an image file. */
@Command(name = "image", aliases = "i", sortOptions = false,
        header = "Scan a container image (registry reference, docker-archive or OCI layout).",
        description = "IMAGE is a registry reference such as alpine:3.20 or 127.0.0.1:5000/team/app:1.0. "
                + "--input scans an image file instead: a docker-archive (.tar, .tar.gz) or an OCI layout "
                + "(directory or .tar), optionally with :TAG or @sha256:DIGEST to pick one image of an index.")
final class ImageCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ImageCommand.class);

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Image reference to pull from a registry.")
    private String reference;

    @Option(names = "--input", paramLabel = "PATH", order = 1,
            description = "Image file or OCI layout directory to scan instead of pulling.")
    private String input;

    @Mixin
    private ImageSourceOptions source;

    @Mixin
    private ScannerOptions scanners;

    @Option(names = "--list-all-pkgs", order = 21,
            description = "List every package, also those without findings (the table and SBOM formats always do).")
    private boolean listAllPackages;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        scanners.selected();
        if ((reference == null) == (input == null)) {
            throw new UsageException("bulwark image", "give either IMAGE or --input PATH");
        }
        ReportWriter writer = InventoryReport.writer(output);
        CliEnvironment environment = root.environment();
        Progress progress = environment.errIsTerminal() && !root.quiet() && !output.machineReadableOnStdout()
                ? new TerminalProgress(environment.err()) : Progress.NONE;
        ImageOptions options = source.imageOptions(root.cacheDir(), progress, environment.in());
        ImageOpener opener = new ImageOpener(options, RegistryEnvironment.system().withEnv(environment.env()));
        ScanTarget target = input != null ? new ScanTarget.ImageFile(root.resolve(Path.of(input)).toString())
                : new ScanTarget.ImageReference(reference);
        ScanResult result = new ScanPipeline(opener, root.cacheDir().resolve("tmp")).run(target);
        LOG.info("{}: {} layers, {} packages", result.metadata().name(), result.metadata().layers().size(),
                result.inventory().packages().size());
        InventoryReport.write(root, output, writer, result);
        return ExitCodes.OK;
    }
}
