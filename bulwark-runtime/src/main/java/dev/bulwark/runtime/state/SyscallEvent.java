package dev.bulwark.runtime.state;

import dev.bulwark.runtime.scap.ScapEvent;

/**
 * A syscall event as rules see it: the raw capture event plus the state it refers to, resolved once by
 * {@link StateTracker} (its thread, the file descriptor it acts on, its container).
 *
 * @param raw the decoded capture event
 * @param typeName {@code evt.type}: the event name, or the syscall name for generic events
 * @param thread the thread, or {@code null} when the capture never introduced it
 * @param fd the file descriptor the event acts on, or {@code null}
 * @param fdNum the descriptor number the event acts on, or -1
 * @param container the thread's container, {@link ContainerInfo#HOST} when none
 * @param state the tracker, for ancestry and user lookups
 */
public record SyscallEvent(ScapEvent raw, String typeName, ThreadInfo thread, FdInfo fd, long fdNum,
                           ContainerInfo container, StateTracker state) {

    public boolean isEnter() {
        return raw.info().isEnter();
    }
}
