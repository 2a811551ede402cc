package dev.bulwark.runtime.engine;

import dev.bulwark.runtime.Rule;
import dev.bulwark.runtime.condition.EventTypes;
import dev.bulwark.runtime.condition.Filter;
import dev.bulwark.runtime.output.OutputFormat;
import java.util.List;

/**
 * A rule selected to run: its filter, the output template it renders (with any {@code -p} addition), the event types
 * it can match, and its tags in the order the rule file gives them.
 */
record ActiveRule<E>(Rule rule, Filter<E> filter, OutputFormat<E> output, EventTypes.TypeSet types,
                     List<String> tags) {
}
