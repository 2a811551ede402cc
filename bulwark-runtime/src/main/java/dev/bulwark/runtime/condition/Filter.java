package dev.bulwark.runtime.condition;

/**
 * A compiled condition: fields resolved, values parsed, sets built. Evaluating it does no lookups by name.
 *
 * @param <E> the event type of the source
 */
@FunctionalInterface
public interface Filter<E> {

    boolean test(E event);
}
