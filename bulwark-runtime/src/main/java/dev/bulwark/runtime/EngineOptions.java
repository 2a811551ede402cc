package dev.bulwark.runtime;

import java.util.Objects;

/**
 * How the engine runs rules over events.
 *
 * @param selection which rules run
 * @param matching whether an event raises the first matching rule only (Falco's default) or every matching rule
 * @param allEvents evaluate rules on every event, including those Falco skips unless run with {@code -A} (reads,
 *        writes, close, fstat, mmap..., see {@code SyscallEvent#skippedBySimpleConsumer})
 * @param appendOutput a format appended to every syscall rule's output (Falco's {@code -p}; {@code "c"} and
 *        {@code "k"} are the container and Kubernetes shortcuts of {@code -pc}/{@code -pk}), or {@code null}
 * @param isoTime prefix alert texts with the ISO 8601 time ({@code time_format_iso_8601}) instead of
 *        {@code HH:MM:SS.nnnnnnnnn}
 * @param enterEvents whether rules see syscall enter events
 */
public record EngineOptions(RuleSelection selection, Matching matching, boolean allEvents, String appendOutput,
                            boolean isoTime, EnterEvents enterEvents) {

    /** Falco's rule matching modes ({@code rule_matching}). */
    public enum Matching { FIRST, ALL }

    /**
     * Whether syscall enter events reach the rules. Falco up to 0.41 evaluated enter and exit events alike (its rules
     * said {@code evt.dir=<} where it mattered); from 0.42 only exit events reach rules, and the rules no longer say
     * it (falcosecurity/rules#307; those rule files require engine version 0.57.0 or later). {@code AUTO} follows
     * the rules' {@code required_engine_version}. State is updated from enter events in every mode.
     */
    public enum EnterEvents {
        AUTO, EVALUATE, SKIP;

        /** The engine version from which rules expect exit events only. */
        static final int[] EXIT_ONLY_SINCE = {0, 57, 0};

        /** True when enter events are kept from rules written for {@code ruleSet}'s engine version. */
        public boolean skips(RuleSet ruleSet) {
            return switch (this) {
                case EVALUATE -> false;
                case SKIP -> true;
                case AUTO -> exitOnly(ruleSet.requiredEngineVersion());
            };
        }

        private static boolean exitOnly(String version) {
            if (version == null) {
                return false;
            }
            String[] parts = version.split("\\.");
            for (int i = 0; i < 3; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v != EXIT_ONLY_SINCE[i]) {
                    return v > EXIT_ONLY_SINCE[i];
                }
            }
            return true;
        }
    }

    /** Falco's defaults: every enabled rule, first match, simple-consumer events skipped, enter events per rules. */
    public static final EngineOptions DEFAULTS = new EngineOptions(RuleSelection.ALL, Matching.FIRST, false, null,
            false, EnterEvents.AUTO);

    public EngineOptions {
        Objects.requireNonNull(selection, "selection is null");
        Objects.requireNonNull(matching, "matching is null");
        Objects.requireNonNull(enterEvents, "enterEvents is null");
    }

    public EngineOptions withSelection(RuleSelection s) {
        return new EngineOptions(s, matching, allEvents, appendOutput, isoTime, enterEvents);
    }

    public EngineOptions withAllEvents(boolean all) {
        return new EngineOptions(selection, matching, all, appendOutput, isoTime, enterEvents);
    }

    public EngineOptions withMatching(Matching m) {
        return new EngineOptions(selection, m, allEvents, appendOutput, isoTime, enterEvents);
    }

    public EngineOptions withAppendOutput(String format) {
        return new EngineOptions(selection, matching, allEvents, format, isoTime, enterEvents);
    }

    public EngineOptions withIsoTime(boolean iso) {
        return new EngineOptions(selection, matching, allEvents, appendOutput, iso, enterEvents);
    }

    public EngineOptions withEnterEvents(EnterEvents e) {
        return new EngineOptions(selection, matching, allEvents, appendOutput, isoTime, e);
    }
}
