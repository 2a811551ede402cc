package dev.bulwark.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands of {@code bulwark}, in help order. Building a picocli command model costs tens of milliseconds
 * per command (annotation reflection), so an invocation that names its command registers only that one; root help,
 * completion and unknown commands get all of them.
 */
final class Subcommands {

    private record Entry(String name, List<String> aliases, Supplier<Object> factory) {
        boolean matches(String word) {
            return name.equals(word) || aliases.contains(word);
        }
    }

    private static final List<Entry> ALL = List.of(
            new Entry("image", List.of("i"), ImageCommand::new),
            new Entry("rootfs", List.of(), RootfsCommand::new),
            new Entry("fs", List.of(), FsCommand::new),
            new Entry("sbom", List.of(), SbomCommand::new),
            new Entry("convert", List.of(), ConvertCommand::new),
            new Entry("config", List.of(), ConfigCommand::new),
            new Entry("rbac", List.of(), RbacCommand::new),
            new Entry("db", List.of(), DbCommand::new),
            new Entry("runtime", List.of(), RuntimeCommand::new),
            new Entry("version", List.of(), VersionCommand::new),
            new Entry("completion", List.of(), CompletionCommand::new),
            new Entry("aot-training", List.of(), AotTrainingCommand::new));

    /** Root options that take a value, so the value is not mistaken for the command name. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--cache-dir", "--config");

    /** Commands that need the whole tree. */
    private static final Set<String> NEED_ALL = Set.of("completion", "aot-training");

    private Subcommands() {
    }

    /** Registers the subcommands that {@code args} needs on {@code root}. */
    static void register(CommandLine root, String[] args) {
        String word = commandWord(args);
        Entry only = null;
        if (word != null && !NEED_ALL.contains(word)) {
            only = ALL.stream().filter(e -> e.matches(word)).findFirst().orElse(null);
        }
        for (Entry entry : ALL) {
            if (only == null || entry == only) {
                root.addSubcommand(entry.name(), entry.factory().get(), entry.aliases().toArray(String[]::new));
            }
        }
    }

    /** Registers every subcommand (for config validation, which must know every option). */
    static void registerAll(CommandLine root) {
        register(root, new String[0]);
    }

    private static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
