package dev.bulwark.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule that fired on an event, with everything Falco puts in its JSON alert, so Falcosidekick and existing
 * pipelines read Bulwark's alerts unchanged.
 *
 * @param timeNs the event's time, nanoseconds since the epoch
 * @param output the formatted text: time, priority and the rule's output with fields substituted
 * @param outputFields each field of the output template with its value ({@code null} when the event has none)
 * @param source {@code syscall} or {@code k8s_audit}
 * @param hostname the machine the event happened on
 */
public record Alert(long timeNs, String rule, Priority priority, String output, Map<String, Object> outputFields,
                    String source, List<String> tags, String hostname) {

    public Alert {
        Objects.requireNonNull(rule, "rule is null");
        Objects.requireNonNull(priority, "priority is null");
        outputFields = Collections.unmodifiableMap(new LinkedHashMap<>(outputFields));
        tags = List.copyOf(tags);
        hostname = hostname == null ? "" : hostname;
    }
}
