package dev.bulwark.runtime.engine;

/**
 * What the engine needs to know about an event of one source besides its fields: its type id for the rule index,
 * its time and the host it happened on.
 */
public interface EventView<E> {

    /** The event type id ({@code EventTable#typeId}), or -1 for sources without event types. */
    int typeId(E event);

    /** Nanoseconds since the epoch. */
    long timeNs(E event);

    String hostname(E event);
}
