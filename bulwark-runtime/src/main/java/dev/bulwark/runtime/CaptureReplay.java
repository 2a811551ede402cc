package dev.bulwark.runtime;

import dev.bulwark.runtime.engine.Counters;
import dev.bulwark.runtime.engine.RuleEngine;
import dev.bulwark.runtime.engine.SyscallPipeline;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.ScapReader;
import dev.bulwark.runtime.state.StateTracker;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Replays a Falco/sysdig capture ({@code .scap}, plain or gzip) through the {@code syscall} rules, the way
 * {@code falco -e FILE} does: events stream through the process/fd state table and the rule index, alerts go to a
 * sink, and the run's counters come back. Memory stays bounded by the largest block and the state tables.
 */
public final class CaptureReplay {

    /** At most this many threads are tracked; more (a corrupt or hostile capture) are counted and ignored. */
    public static final int MAX_THREADS = 1 << 20;

    private CaptureReplay() {
    }

    /** Replays {@code capture}; malformed input raises {@code InputException} naming the file. */
    public static RuntimeStats run(Path capture, RuleSet rules, EngineOptions options, AlertSink sink) {
        try (ScapReader reader = ScapReader.open(capture)) {
            return run(reader, rules, options, sink);
        }
    }

    /** Replays a capture read from {@code stream}; {@code name} names it in errors. */
    public static RuntimeStats run(String name, InputStream stream, RuleSet rules, EngineOptions options,
                                   AlertSink sink) {
        try (ScapReader reader = ScapReader.open(name, stream)) {
            return run(reader, rules, options, sink);
        }
    }

    private static RuntimeStats run(ScapReader reader, RuleSet rules, EngineOptions options, AlertSink sink) {
        Counters counters = new Counters();
        RuleEngine<dev.bulwark.runtime.state.SyscallEvent> engine = RuleEngine.syscall(rules, options, counters);
        SyscallPipeline pipeline = new SyscallPipeline(new StateTracker(reader.info(), MAX_THREADS), engine, options,
                options.enterEvents().skips(rules), counters, sink);
        ScapEvent raw;
        while ((raw = reader.next()) != null) {
            pipeline.accept(raw);
        }
        counters.dropped("unknown_event_type", reader.skippedUnknownEvents());
        return counters.snapshot();
    }
}
