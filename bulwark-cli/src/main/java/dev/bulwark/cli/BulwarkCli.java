package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Severity;
import dev.bulwark.core.UsageException;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the picocli command tree for one invocation and owns the mapping from errors to exit codes: parse errors
 * and {@link UsageException} exit 2, {@link InputException} 3, {@link DatabaseException} 4, anything else 1. Each
 * error is one line on standard error naming the input and the problem; stack traces only with {@code --debug}.
 */
final class BulwarkCli {

    private final CliEnvironment environment;

    BulwarkCli(CliEnvironment environment) {
        this.environment = environment;
    }

    int execute(String[] args) {
        PrintWriter err = environment.err();
        try {
            ConfigFile configFile = ConfigFile.locate(args, environment);
            CommandLine commandLine = new CommandLine(new BulwarkCommand(environment));
            Subcommands.register(commandLine, args);
            commandLine.setOut(environment.out());
            commandLine.setErr(err);
            commandLine.registerConverter(Severity.class, Severity::parse);
            commandLine.setDefaultValueProvider(new ConfiguredDefaults(environment, configFile));
            if (configFile.path() != null) {
                CommandLine everything = new CommandLine(new BulwarkCommand(environment));
                Subcommands.registerAll(everything);
                configFile.validate(longOptionNames(everything.getCommandSpec()), commandNames(everything));
            }
            commandLine.setParameterExceptionHandler(this::onParameterError);
            commandLine.setExecutionExceptionHandler(
                    (e, cl, parseResult) -> onExecutionError(e, isDebug(commandLine)));
            commandLine.setExecutionStrategy(this::runConfigured);
            return commandLine.execute(args);
        } catch (UsageException e) {
            err.println("bulwark: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    private int runConfigured(ParseResult parseResult) {
        BulwarkCommand root = (BulwarkCommand) parseResult.commandSpec().root().userObject();
        LogSetup.configure(environment.err(), root.debug(), root.quiet());
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static boolean isDebug(CommandLine commandLine) {
        return ((BulwarkCommand) commandLine.getCommand()).debug();
    }

    private int onParameterError(ParameterException e, String[] args) {
        PrintWriter err = environment.err();
        StringBuilder line = new StringBuilder("bulwark: ").append(e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(unmatched.getSuggestions().getFirst()).append("?)");
        }
        line.append(" (see '").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        err.flush();
        return ExitCodes.USAGE;
    }

    private int onExecutionError(Exception e, boolean debug) {
        PrintWriter err = environment.err();
        int code = exitCode(e);
        if (e instanceof BulwarkException) {
            err.println("bulwark: " + e.getMessage());
        } else {
            err.println("bulwark: internal error: " + e
                    + (debug ? "" : " (run with --debug for the stack trace)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The exit code for an exception thrown by a command. */
    static int exitCode(Exception e) {
        if (e instanceof BulwarkException known) {
            return switch (known) {
                case UsageException usage -> ExitCodes.USAGE;
                case InputException input -> ExitCodes.INPUT;
                case DatabaseException database -> ExitCodes.DATABASE;
            };
        }
        return ExitCodes.INTERNAL;
    }

    private static Set<String> longOptionNames(CommandSpec spec) {
        Set<String> names = new HashSet<>();
        collectOptions(spec, names);
        return names;
    }

    private static void collectOptions(CommandSpec spec, Set<String> names) {
        for (OptionSpec option : spec.options()) {
            if (option.longestName().startsWith("--")) {
                names.add(option.longestName().substring(2));
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            collectOptions(sub.getCommandSpec(), names);
        }
    }

    private static Set<String> commandNames(CommandLine commandLine) {
        Set<String> names = new HashSet<>();
        List<CommandLine> pending = new java.util.ArrayList<>(List.of(commandLine));
        while (!pending.isEmpty()) {
            CommandLine current = pending.removeLast();
            for (var entry : current.getSubcommands().entrySet()) {
                names.add(entry.getKey());
                pending.add(entry.getValue());
            }
        }
        return names;
    }
}
