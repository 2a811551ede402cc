package dev.bulwark.runtime.fields;

/**
 * Reads one field from an event. Returns {@code null} when the event has no value for the field (Falco's "not
 * extracted"), otherwise a value of the field's {@link FieldType} ({@code List} for list fields).
 *
 * @param <E> the event type of the source
 */
@FunctionalInterface
public interface Extractor<E> {

    Object extract(E event);
}
