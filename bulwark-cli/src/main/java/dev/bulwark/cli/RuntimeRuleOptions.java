package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.Priority;
import dev.bulwark.runtime.RuleSelection;
import dev.bulwark.runtime.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** The rule options shared by the runtime commands, named after Falco's ({@code -r -A -D -T -t -p}). */
final class RuntimeRuleOptions {

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "FILE", order = 1,
            description = "Falco rule file or directory of *.yaml files; repeat for several, loaded in order.")
    List<Path> rules;

    @Option(names = "--priority", paramLabel = "PRIORITY", order = 2,
            description = "Run only rules at least this severe (emergency ... debug), like Falco's priority.")
    String priority;

    @Option(names = {"-D", "--disable-rule"}, paramLabel = "SUBSTRING", order = 3,
            description = "Disable the rules whose name contains SUBSTRING; repeatable.")
    List<String> disabledRules = new ArrayList<>();

    @Option(names = {"-T", "--disable-tag"}, paramLabel = "TAG", order = 4,
            description = "Disable the rules with this tag; repeatable.")
    List<String> disabledTags = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", order = 5,
            description = "Run only the rules with this tag; repeatable (not with -D/-T).")
    List<String> enabledTags = new ArrayList<>();

    @Option(names = {"-A", "--all-events"}, order = 6,
            description = "Evaluate every event, including those Falco skips by default (read, write, close, ...).")
    boolean allEvents;

    @Option(names = "--match", paramLabel = "MODE", defaultValue = "first", order = 7,
            description = "first: an event raises its first matching rule only (Falco's default); all: every "
                    + "matching rule.")
    String match;

    @Option(names = {"-p", "--append-output"}, paramLabel = "FORMAT", order = 8,
            description = "Append this format to every syscall rule's output; 'c' (container) and 'k' (Kubernetes) "
                    + "are Falco's -pc/-pk shortcuts.")
    String appendOutput;

    @Option(names = "--time-iso8601", order = 9,
            description = "Start alert texts with the ISO 8601 time instead of HH:MM:SS.ns.")
    boolean isoTime;

    @Option(names = "--enter-events", paramLabel = "MODE", defaultValue = "auto", order = 10,
            description = "Whether rules see syscall enter events: yes (Falco up to 0.41), no (Falco 0.42 and later, "
                    + "exit events only), auto (no when the rules require engine 0.57.0 or later; default).")
    String enterEvents;

    /** The engine options these flags describe. */
    EngineOptions engineOptions() {
        Priority minimum = null;
        if (priority != null) {
            minimum = Priority.parse(priority);
            if (minimum == null) {
                throw new UsageException("--priority", "unknown priority '" + priority
                        + "' (emergency, alert, critical, error, warning, notice, informational, debug)");
            }
        }
        EngineOptions.Matching matching = switch (match.toLowerCase(Locale.ROOT)) {
            case "first" -> EngineOptions.Matching.FIRST;
            case "all" -> EngineOptions.Matching.ALL;
            default -> throw new UsageException("--match", "expected first or all, got '" + match + "'");
        };
        RuleSelection selection = new RuleSelection(minimum, disabledRules, Set.copyOf(disabledTags),
                Set.copyOf(enabledTags));
        EngineOptions.EnterEvents enter = switch (enterEvents.toLowerCase(Locale.ROOT)) {
            case "auto" -> EngineOptions.EnterEvents.AUTO;
            case "yes" -> EngineOptions.EnterEvents.EVALUATE;
            case "no" -> EngineOptions.EnterEvents.SKIP;
            default -> throw new UsageException("--enter-events", "expected auto, yes or no, got '" + enterEvents
                    + "'");
        };
        return new EngineOptions(selection, matching, allEvents, appendOutput, isoTime, enter);
    }

    /** Loads the rule files, resolved against the working directory. */
    RuleSet load(BulwarkCommand root) {
        return RuleSet.load(rules.stream().map(root::resolve).toList());
    }
}
