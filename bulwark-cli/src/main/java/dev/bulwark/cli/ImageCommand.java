package dev.bulwark.cli;

import dev.bulwark.core.Progress;
import dev.bulwark.core.UsageException;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.RegistryEnvironment;
import dev.bulwark.scan.ScanTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Image reference to pull from a registry.")
    private String reference;

    @Option(names = "--input", paramLabel = "PATH", order = 1,
            description = "Image file or OCI layout directory to scan instead of pulling.")
    private String input;

    @Option(names = "--base-image", paramLabel = "REF|PATH", order = 8,
            description = "The base image (file or reference): findings in the layers shared with it are marked "
                    + "'base' (default: the org.opencontainers.image.base.name label, when present).")
    private String baseImage;

    @Mixin
    private ImageSourceOptions source;

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
        scanners.selected(output.format); // validates --scanners before anything is read
        if ((reference == null) == (input == null)) {
            throw new UsageException("bulwark image", "give either IMAGE or --input PATH");
        }
        CliEnvironment environment = root.environment();
        Progress progress = environment.errIsTerminal() && !root.quiet() && !output.machineReadableOnStdout()
                ? new TerminalProgress(environment.err()) : Progress.NONE;
        ImageOptions options = source.imageOptions(root.cacheDir(), progress, environment.in());
        ImageOpener opener = new ImageOpener(options, RegistryEnvironment.system().withEnv(environment.env()));
        ScanTarget target = input != null
                ? new ScanTarget.ImageFile(root.resolve(Path.of(input)).normalize().toString())
                : new ScanTarget.ImageReference(reference);
        String base = baseImage != null && java.nio.file.Files.exists(root.resolve(Path.of(baseImage)))
                ? root.resolve(Path.of(baseImage)).toString() : baseImage;
        return ScanCommands.scan(root, opener, target, scanners, source.layerCache(root.cacheDir()), base,
                output.format, reporting);
    }
}
