package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code bulwark} root command: global options inherited by every subcommand. Subcommands are registered by
 * {@link Subcommands}, lazily, so that one invocation pays only for the commands it uses.
 */
@Command(
        name = "bulwark",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        headerHeading = "%n",
        synopsisHeading = "Usage: ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        header = "Container security scanner: vulnerabilities, SBOMs, secrets and misconfigurations.",
        description = "Every option can also be set with an environment variable BULWARK_<OPTION> "
                + "(--cache-dir is BULWARK_CACHE_DIR) or in bulwark.yaml; precedence is flag > environment > file "
                + "> default.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success, no gate hit",
            "  1  internal error (run with --debug for the stack trace)",
            "  2  invalid command line or configuration",
            "  3  unreadable, malformed or unsafe input",
            "  4  vulnerability database missing or invalid",
            "  N  the value of --exit-code, when findings hit the gate"
        })
public final class BulwarkCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--cache-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", order = 100,
            description = "Cache directory for the vulnerability database and layer cache "
                    + "(default: $XDG_CACHE_HOME/bulwark or ~/.cache/bulwark).")
    private Path cacheDir;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, order = 101,
            description = "Print only errors on standard error; no progress bar.")
    private boolean quiet;

    @Option(names = {"-d", "--debug"}, scope = ScopeType.INHERIT, order = 102,
            description = "Print debug logs and stack traces.")
    private boolean debug;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 103,
            description = "Config file (default: ./bulwark.yaml when present; env BULWARK_CONFIG).")
    private Path config;

    BulwarkCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(environment.err());
        environment.err().println();
        environment.err().println("bulwark: missing command");
        return ExitCodes.USAGE;
    }

    CliEnvironment environment() {
        return environment;
    }

    boolean quiet() {
        return quiet;
    }

    boolean debug() {
        return debug;
    }

    /** The cache directory: {@code --cache-dir}, else {@code $XDG_CACHE_HOME/bulwark}, else {@code ~/.cache/bulwark}. */
    Path cacheDir() {
        if (cacheDir != null) {
            return environment.workingDir().resolve(cacheDir);
        }
        String xdg = environment.getenv("XDG_CACHE_HOME");
        if (xdg != null) {
            return Path.of(xdg).resolve("bulwark");
        }
        String home = environment.getenv("HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return base.resolve(".cache").resolve("bulwark");
    }

    /** Resolves a user-given path against the working directory. */
    Path resolve(Path path) {
        return environment.workingDir().resolve(path);
    }
}
