package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark sbom}: match the packages of an existing SBOM against the vulnerability database. */
@Command(name = "sbom", sortOptions = false,
        header = "Scan an SBOM (CycloneDX JSON/XML, SPDX JSON/tag-value) for vulnerabilities.")
final class SbomCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "The SBOM file.")
    private Path file;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        output.validate();
        throw Unavailable.command("sbom");
    }
}
