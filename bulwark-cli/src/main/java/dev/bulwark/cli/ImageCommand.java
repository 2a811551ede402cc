package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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
    private Path input;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", order = 2,
            description = "Platform to pick from a multi-platform image (default: linux/amd64).")
    private String platform;

    @Mixin
    private ScannerOptions scanners;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        scanners.selected();
        if ((reference == null) == (input == null)) {
            throw new dev.bulwark.core.UsageException("bulwark image", "give either IMAGE or --input PATH");
        }
        throw Unavailable.command("image");
    }
}
