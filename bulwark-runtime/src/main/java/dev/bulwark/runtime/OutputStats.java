package dev.bulwark.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the outputs did with the alerts they were given: every alert is either suppressed by the rate limit or
 * offered to each output, where it is delivered, failed, or (for outputs with a queue) refused because the queue was
 * full.
 *
 * @param received alerts handed to the outputs
 * @param rateLimited alerts suppressed by the rate limit (sent nowhere)
 * @param delivered alerts delivered, by output name
 * @param failed failed deliveries, by output name
 * @param queueFull alerts refused because the output's queue was full, by output name
 */
public record OutputStats(long received, long rateLimited, Map<String, Long> delivered, Map<String, Long> failed,
                          Map<String, Long> queueFull) {

    public OutputStats {
        delivered = Map.copyOf(delivered);
        failed = Map.copyOf(failed);
        queueFull = Map.copyOf(queueFull);
    }

    /** As a JSON-ready map (keys sorted). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("received", received);
        out.put("rate_limited", rateLimited);
        out.put("delivered", new TreeMap<>(delivered));
        out.put("failed", new TreeMap<>(failed));
        out.put("queue_full", new TreeMap<>(queueFull));
        return out;
    }
}
