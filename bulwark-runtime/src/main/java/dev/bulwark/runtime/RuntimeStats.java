package dev.bulwark.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, counted honestly: every event read is either evaluated or skipped (with the reason), events lost
 * before Bulwark could read them are counted as dropped (with the reason). What the outputs did with the alerts
 * (delivered, rate-limited, failed) is counted by the outputs themselves.
 *
 * @param eventsRead events taken from the source
 * @param eventsEvaluated events tested against the rules
 * @param eventsSkipped events read but not tested, by reason ({@code simple_consumer}: Falco hides them without
 *        {@code -A}; {@code internal}: state-only events such as container metadata)
 * @param eventsDropped events lost or refused before evaluation, by reason (unknown event types, full queues,
 *        kernel buffer overruns, malformed records)
 * @param evaluationErrors rule evaluations that failed on an event (the event and other rules still proceed)
 * @param alerts alerts raised by the rules
 * @param alertsByRule alerts by rule name
 * @param alertsByPriority alerts by priority name
 * @param rulesSelected rules that ran for this source
 * @param elapsedNanos wall time of the run
 */
public record RuntimeStats(long eventsRead, long eventsEvaluated, Map<String, Long> eventsSkipped,
                           Map<String, Long> eventsDropped, long evaluationErrors, long alerts,
                           Map<String, Long> alertsByRule,
                           Map<String, Long> alertsByPriority, int rulesSelected, long elapsedNanos) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RuntimeStats {
        eventsSkipped = Map.copyOf(new TreeMap<>(eventsSkipped));
        eventsDropped = Map.copyOf(new TreeMap<>(eventsDropped));
        alertsByRule = Map.copyOf(new TreeMap<>(alertsByRule));
        alertsByPriority = Map.copyOf(new TreeMap<>(alertsByPriority));
    }

    /** Alerts raised by {@code rule} (0 when none). */
    public long alertsOf(String rule) {
        return alertsByRule.getOrDefault(rule, 0L);
    }

    public long skippedTotal() {
        return eventsSkipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long droppedTotal() {
        return eventsDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counters as a JSON document (keys sorted within each group). */
    public String toJson() {
        return toJson(Map.of());
    }

    /**
     * The counters as a JSON document, with {@code extra} top-level entries (the input's name, the outputs'
     * counters).
     */
    public String toJson(Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>(extra);
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("read", eventsRead);
        events.put("evaluated", eventsEvaluated);
        events.put("skipped", new TreeMap<>(eventsSkipped));
        events.put("dropped", new TreeMap<>(eventsDropped));
        doc.put("events", events);
        doc.put("rules_selected", rulesSelected);
        doc.put("evaluation_errors", evaluationErrors);
        Map<String, Object> alertDoc = new LinkedHashMap<>();
        alertDoc.put("raised", alerts);
        alertDoc.put("by_priority", new TreeMap<>(alertsByPriority));
        alertDoc.put("by_rule", new TreeMap<>(alertsByRule));
        doc.put("alerts", alertDoc);
        doc.put("elapsed_ms", elapsedNanos / 1_000_000);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
