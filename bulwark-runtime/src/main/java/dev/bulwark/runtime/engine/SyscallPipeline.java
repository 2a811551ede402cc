package dev.bulwark.runtime.engine;

import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.state.StateTracker;
import dev.bulwark.runtime.state.SyscallEvent;

/**
 * The path of one syscall event: the state tracker applies it (always, as libsinsp does before Falco sees it), then,
 * unless it is a state-only event or one Falco hides without {@code -A}, the rule engine tests it. Used by capture
 * replay, the live sensor and the benchmark alike.
 */
public final class SyscallPipeline {

    private static final int CONTAINER_E = 228;
    private static final int CONTAINER_JSON_E = 272;
    private static final int CONTAINER_JSON_2_E = 324;

    private final StateTracker state;
    private final RuleEngine<SyscallEvent> engine;
    private final boolean allEvents;
    private final boolean skipEnter;
    private final Counters counters;
    private final AlertSink sink;

    /** @param skipEnter keep enter events from the rules (see {@link EngineOptions.EnterEvents}) */
    public SyscallPipeline(StateTracker state, RuleEngine<SyscallEvent> engine, EngineOptions options,
                           boolean skipEnter, Counters counters, AlertSink sink) {
        this.state = state;
        this.engine = engine;
        this.skipEnter = skipEnter;
        this.allEvents = options.allEvents();
        this.counters = counters;
        this.sink = sink;
    }

    public void accept(ScapEvent raw) {
        counters.read();
        SyscallEvent event = state.process(raw);
        if (isStateOnly(raw)) {
            counters.skipped("internal");
            return;
        }
        if (skipEnter && event.isEnter()) {
            counters.skipped("enter_event");
            return;
        }
        if (!allEvents && event.skippedBySimpleConsumer()) {
            counters.skipped("simple_consumer");
            return;
        }
        engine.evaluate(event, sink);
    }

    public StateTracker state() {
        return state;
    }

    /**
     * Container metadata events stamped with time 0 are written by the capturing libsinsp at the start of a file;
     * libsinsp consumes them when reading it back, so rules never see them.
     */
    private static boolean isStateOnly(ScapEvent raw) {
        int code = raw.type();
        return raw.ts() == 0 && (code == CONTAINER_E || code == CONTAINER_JSON_E || code == CONTAINER_JSON_2_E);
    }
}
