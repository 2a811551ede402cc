package dev.bulwark.runtime;

import java.util.Set;

/**
 * A loaded rule as its rule files define it (after appends and overrides), independent of the compiled form.
 *
 * @param condition the final condition text, exceptions included
 * @param source the event source: {@code syscall} or {@code k8s_audit}
 */
public record Rule(String name, String description, String condition, String output, Priority priority,
                   Set<String> tags, String source, boolean enabled) {

    public Rule {
        tags = Set.copyOf(tags);
    }
}
