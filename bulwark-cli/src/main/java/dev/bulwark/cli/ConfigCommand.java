package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark config}: misconfiguration checks on Dockerfiles and Kubernetes manifests. */
@Command(name = "config", sortOptions = false,
        header = "Scan Dockerfiles and Kubernetes manifests for misconfigurations.")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
    private List<Path> paths;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        throw Unavailable.command("config");
    }
}
