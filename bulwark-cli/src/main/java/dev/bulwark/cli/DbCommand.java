package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulwark db}: manage the vulnerability database in the cache directory. */
@Command(name = "db", sortOptions = false,
        header = "Manage the vulnerability database (OSV advisories).",
        subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Info.class})
final class DbCommand implements Callable<Integer> {

    @ParentCommand
    BulwarkCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(root.environment().err());
        root.environment().err().println();
        root.environment().err().println("bulwark: missing db command (import, update, info)");
        return ExitCodes.USAGE;
    }

    @Command(name = "import", header = "Import OSV files, directories or all.zip archives and CISA KEV JSON.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "OSV JSON files, directories, all.zip files.")
        private List<Path> paths;

        @Override
        public Integer call() {
            throw Unavailable.command("db import");
        }
    }

    @Command(name = "update", header = "Download the per-ecosystem all.zip archives from osv.dev or a mirror.")
    static final class Update implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Option(names = "--source", paramLabel = "URL", defaultValue = "https://osv-vulnerabilities.storage.googleapis.com",
                description = "Base URL laid out as <base>/<Ecosystem>/all.zip (default: ${DEFAULT-VALUE}).")
        private String source;

        @Override
        public Integer call() {
            throw Unavailable.command("db update");
        }
    }

    @Command(name = "info", header = "Show the database's ecosystems, record counts, age and schema version.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Override
        public Integer call() {
            throw Unavailable.command("db info");
        }
    }
}
