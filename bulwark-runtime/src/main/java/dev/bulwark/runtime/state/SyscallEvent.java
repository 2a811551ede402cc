package dev.bulwark.runtime.state;

import dev.bulwark.runtime.scap.EventTable;
import dev.bulwark.runtime.scap.ScapEvent;

/**
 * A syscall event as rules see it: the raw capture event plus the state it refers to, resolved once by
 * {@link StateTracker} (its thread, the file descriptor it acts on, its container).
 *
 * @param raw the decoded capture event
 * @param typeName {@code evt.type}: the event name, or the syscall name for generic events
 * @param typeId the number of {@code typeName} in {@link EventTable#typeId}, -1 when unknown
 * @param thread the thread, or {@code null} when the capture never introduced it
 * @param fd the file descriptor the event acts on, or {@code null}
 * @param fdNum the descriptor number the event acts on, or -1
 * @param container the thread's container, {@link ContainerInfo#HOST} when none
 * @param state the tracker, for ancestry and user lookups
 */
public record SyscallEvent(ScapEvent raw, String typeName, int typeId, ThreadInfo thread, FdInfo fd, long fdNum,
                           ContainerInfo container, StateTracker state) {

    public boolean isEnter() {
        return raw.info().isEnter();
    }

    /**
     * True for events Falco hides from rules unless run with {@code -A}: those whose event (or, for generic events,
     * syscall) flags include {@link EventTable#SIMPLE_CONSUMER_SKIP} (reads, writes, close, fstat, mmap...). Their
     * state changes are applied all the same.
     */
    public boolean skippedBySimpleConsumer() {
        int code = raw.info().code();
        if (code == EventTable.GENERIC_E || code == EventTable.GENERIC_X) {
            Long id = raw.paramLong(0);
            return id != null && (EventTable.get().syscallFlags(id.intValue()) & EventTable.SIMPLE_CONSUMER_SKIP) != 0;
        }
        return (raw.info().flags() & EventTable.SIMPLE_CONSUMER_SKIP) != 0;
    }
}
