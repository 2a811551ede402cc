package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.OutputStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The fan-out behind {@code AlertOutputs}: the rate limit, then every output; synchronous outputs are written on the
 * caller's thread, the others through an {@link AsyncOutput}. Counts every outcome.
 */
public final class Outputs implements AlertSink {

    /** Failures reported per output before the rest are only counted. */
    private static final int REPORTED_FAILURES = 3;

    private final List<Output> sync;
    private final List<AsyncOutput> async = new ArrayList<>();
    private final TokenBucket bucket;
    private final Consumer<String> problems;
    private final LongAdder received = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> queueFull = new ConcurrentHashMap<>();

    public Outputs(List<Output> sync, List<Output> asyncOutputs, TokenBucket bucket, int queueCapacity,
                   Consumer<String> problems) {
        this.sync = List.copyOf(sync);
        this.bucket = bucket;
        this.problems = problems;
        for (Output output : asyncOutputs) {
            async.add(new AsyncOutput(output, queueCapacity, this::delivered, this::failed, this::queueFull));
        }
    }

    @Override
    public void accept(Alert alert) {
        received.increment();
        if (bucket != null) {
            boolean allowed;
            synchronized (bucket) {
                allowed = bucket.claim(alert.timeNs());
            }
            if (!allowed) {
                rateLimited.increment();
                return;
            }
        }
        for (Output output : sync) {
            try {
                output.write(alert);
                delivered(output);
            } catch (Exception e) {
                failed(output, e);
            }
        }
        for (AsyncOutput output : async) {
            output.write(alert);
        }
    }

    private void delivered(Output output) {
        delivered.computeIfAbsent(output.name(), k -> new LongAdder()).increment();
    }

    private void failed(Output output, Exception e) {
        LongAdder n = failed.computeIfAbsent(output.name(), k -> new LongAdder());
        n.increment();
        long count = n.sum();
        if (count <= REPORTED_FAILURES) {
            problems.accept("alert output " + output.name() + " failed: " + e.getMessage()
                    + (count == REPORTED_FAILURES ? " (further failures are only counted)" : ""));
        }
    }

    private void queueFull(Output output) {
        LongAdder n = queueFull.computeIfAbsent(output.name(), k -> new LongAdder());
        n.increment();
        if (n.sum() == 1) {
            problems.accept("alert output " + output.name() + " is not keeping up: its queue is full, alerts are "
                    + "dropped for it (counted)");
        }
    }

    public OutputStats stats() {
        return new OutputStats(received.sum(), rateLimited.sum(), sums(delivered), sums(failed), sums(queueFull));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        for (AsyncOutput output : async) {
            try {
                output.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Output output : sync) {
            try {
                output.close();
            } catch (Exception e) {
                problems.accept("alert output " + output.name() + " failed to close: " + e.getMessage());
            }
        }
    }
}
