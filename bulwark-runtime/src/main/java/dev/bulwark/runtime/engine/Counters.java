package dev.bulwark.runtime.engine;

import dev.bulwark.runtime.RuntimeStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of a run, safe to update from the event loop and from webhook threads; snapshot them
 * into a {@link RuntimeStats}.
 */
public final class Counters {

    private final LongAdder read = new LongAdder();
    private final LongAdder evaluated = new LongAdder();
    private final LongAdder evaluationErrors = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byPriority = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private volatile int rulesSelected;

    public void read() {
        read.increment();
    }

    public void evaluated() {
        evaluated.increment();
    }

    public void skipped(String reason) {
        adder(skipped, reason).increment();
    }

    /** The counter of {@code key}: a plain lookup on the per-event path, creation only the first time. */
    private static LongAdder adder(Map<String, LongAdder> map, String key) {
        LongAdder adder = map.get(key);
        return adder != null ? adder : map.computeIfAbsent(key, k -> new LongAdder());
    }

    public void dropped(String reason, long n) {
        if (n > 0) {
            dropped.computeIfAbsent(reason, k -> new LongAdder()).add(n);
        }
    }

    public void evaluationError() {
        evaluationErrors.increment();
    }

    public void alert(String rule, String priority) {
        alerts.increment();
        adder(byRule, rule).increment();
        adder(byPriority, priority).increment();
    }

    public void rulesSelected(int n) {
        rulesSelected = n;
    }

    public long alerts() {
        return alerts.sum();
    }

    public RuntimeStats snapshot() {
        return new RuntimeStats(read.sum(), evaluated.sum(), sums(skipped), sums(dropped), evaluationErrors.sum(),
                alerts.sum(), sums(byRule), sums(byPriority), rulesSelected,
                System.nanoTime() - startNanos);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
