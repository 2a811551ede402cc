package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark fs}: scan a project directory: lockfiles, manifests, secrets and configuration files. */
@Command(name = "fs", sortOptions = false,
        header = "Scan a project directory: lockfiles, manifests, secrets and configuration files.")
final class FsCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(index = "0", paramLabel = " lockfiles, manifests, secrets and configuration files.:DIR", description = "The directory to scan.")
    private Path directory;

    @Mixin
    private ScannerOptions scanners;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        scanners.selected();
        throw Unavailable.command("fs");
    }
}
