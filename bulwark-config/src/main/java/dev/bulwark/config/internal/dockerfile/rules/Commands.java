package dev.bulwark.config.internal.dockerfile.rules;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.Flag;
import dev.bulwark.config.internal.shell.ShellCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Helpers the {@code RUN} rules share: commands of a run, cleanup order, BuildKit mounts. */
final class Commands {

    private Commands() {
    }

    /** The commands of {@code run}, empty when a non-POSIX shell is in effect. */
    static List<ShellCommand> of(Run run) {
        return run.script() == null ? List.of() : run.script().commands();
    }

    /** The first positional argument (the subcommand of apt-get, yum, npm ...), skipping {@code valueFlags}' values. */
    static String subcommand(ShellCommand command, Set<String> valueFlags) {
        List<String> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-")) {
                if (valueFlags.contains(arg)) {
                    i++;
                }
            } else {
                return arg;
            }
        }
        return "";
    }

    /**
     * The positional arguments after the subcommand {@code subcommands} (e.g. the packages after {@code install}),
     * skipping flags and the values of {@code valueFlags}.
     */
    static List<String> argsAfter(ShellCommand command, Set<String> subcommands, Set<String> valueFlags) {
        List<String> result = new ArrayList<>();
        boolean seen = false;
        List<String> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                if (seen) {
                    break;
                }
                continue;
            }
            if (arg.startsWith("-")) {
                if (valueFlags.contains(arg)) {
                    i++;
                }
            } else if (!seen) {
                seen = subcommands.contains(arg);
                if (!seen) {
                    return List.of();
                }
            } else {
                result.add(arg);
            }
        }
        return result;
    }

    /** True when some command after index {@code from} matches {@code cleanup}. */
    static boolean followedBy(List<ShellCommand> commands, int from, Predicate<ShellCommand> cleanup) {
        for (int i = from + 1; i < commands.size(); i++) {
            if (cleanup.test(commands.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code command} is {@code rm} with an argument starting with one of {@code paths}. */
    static boolean removes(ShellCommand command, String... paths) {
        if (!command.name().equals("rm")) {
            return false;
        }
        for (String arg : command.args()) {
            for (String path : paths) {
                if (arg.startsWith(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@code --mount} flags of a {@code RUN} as key/value maps. */
    static List<Map<String, String>> mounts(Run run) {
        List<Map<String, String>> mounts = new ArrayList<>();
        for (Flag flag : run.run().flags()) {
            if (flag.name().equals("mount") && flag.value() != null) {
                Map<String, String> options = new LinkedHashMap<>();
                for (String part : flag.value().split(",")) {
                    int equals = part.indexOf('=');
                    if (equals > 0) {
                        options.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
                    } else {
                        options.put(part.strip(), "");
                    }
                }
                mounts.add(options);
            }
        }
        return mounts;
    }

    /** True when a cache or tmpfs mount of {@code run} targets one of {@code targets} (trailing slash ignored). */
    static boolean mountsCacheAt(Run run, String... targets) {
        for (Map<String, String> mount : mounts(run)) {
            String type = mount.getOrDefault("type", "bind");
            String target = mount.getOrDefault("target", mount.getOrDefault("dst",
                    mount.getOrDefault("destination", "")));
            target = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
            if (type.equals("cache") || type.equals("tmpfs")) {
                for (String wanted : targets) {
                    if (target.equals(wanted)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Runs {@code test} on every command matching {@code filter}; a non-null message is a violation (one per RUN). */
    static List<Violation> forEach(DockerfileContext context, Predicate<ShellCommand> filter,
                                   Function<ShellCommand, String> test) {
        List<Violation> violations = new ArrayList<>();
        for (Run run : context.runs()) {
            for (ShellCommand command : Commands.of(run)) {
                if (!filter.test(command)) {
                    continue;
                }
                String message = test.apply(command);
                if (message != null) {
                    violations.add(context.at(run.instruction(), message));
                    break;
                }
            }
        }
        return violations;
    }
}
