package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        scanners.selected();
        throw Unavailable.command("rootfs");
    }
}
