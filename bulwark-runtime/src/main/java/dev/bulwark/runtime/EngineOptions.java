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
 */
public record EngineOptions(RuleSelection selection, Matching matching, boolean allEvents, String appendOutput,
                            boolean isoTime) {

    /** Falco's rule matching modes ({@code rule_matching}). */
    public enum Matching { FIRST, ALL }

    /** Falco's defaults: every enabled rule, first match, simple-consumer events skipped. */
    public static final EngineOptions DEFAULTS = new EngineOptions(RuleSelection.ALL, Matching.FIRST, false, null,
            false);

    public EngineOptions {
        Objects.requireNonNull(selection, "selection is null");
        Objects.requireNonNull(matching, "matching is null");
    }

    public EngineOptions withSelection(RuleSelection s) {
        return new EngineOptions(s, matching, allEvents, appendOutput, isoTime);
    }

    public EngineOptions withAllEvents(boolean all) {
        return new EngineOptions(selection, matching, all, appendOutput, isoTime);
    }

    public EngineOptions withMatching(Matching m) {
        return new EngineOptions(selection, m, allEvents, appendOutput, isoTime);
    }

    public EngineOptions withAppendOutput(String format) {
        return new EngineOptions(selection, matching, allEvents, format, isoTime);
    }

    public EngineOptions withIsoTime(boolean iso) {
        return new EngineOptions(selection, matching, allEvents, appendOutput, iso);
    }
}
