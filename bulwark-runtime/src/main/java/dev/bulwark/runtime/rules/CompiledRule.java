package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Rule;
import dev.bulwark.runtime.condition.EventTypes;
import dev.bulwark.runtime.condition.Filter;
import dev.bulwark.runtime.output.OutputFormat;

/**
 * A rule ready to evaluate: its filter, output template and the event types it can match.
 *
 * @param order position in load order; the first matching rule in this order fires for an event
 */
public record CompiledRule<E>(Rule rule, Filter<E> filter, OutputFormat<E> output, EventTypes.TypeSet eventTypes,
                              int order) {
}
