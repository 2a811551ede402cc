package dev.bulwark.runtime.engine;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that can match each event type, in load order: an array indexed by event type id (see
 * {@code EventTable#typeId}), where rules without an {@code evt.type} restriction sit in every slot (the catch-all
 * part), plus one list for events whose type has no id. An event is tested only against its slot, like Falco's
 * {@code indexable_ruleset}.
 */
final class RuleIndex<E> {

    private final ActiveRule<E>[][] byType;
    private final ActiveRule<E>[] unknownType;
    private final int catchAll;

    private RuleIndex(ActiveRule<E>[][] byType, ActiveRule<E>[] unknownType, int catchAll) {
        this.byType = byType;
        this.unknownType = unknownType;
        this.catchAll = catchAll;
    }

    /**
     * Builds the index.
     *
     * @param rules the selected rules in load order
     * @param typeNames the event type names by id; empty for sources without event types
     */
    @SuppressWarnings("unchecked")
    static <E> RuleIndex<E> build(List<ActiveRule<E>> rules, String[] typeNames) {
        ActiveRule<E>[][] byType = (ActiveRule<E>[][]) Array.newInstance(ActiveRule[].class, typeNames.length);
        for (int id = 0; id < typeNames.length; id++) {
            List<ActiveRule<E>> slot = new ArrayList<>();
            for (ActiveRule<E> rule : rules) {
                if (rule.types().contains(typeNames[id])) {
                    slot.add(rule);
                }
            }
            byType[id] = slot.toArray(ActiveRule[]::new);
        }
        List<ActiveRule<E>> unknown = new ArrayList<>();
        int catchAll = 0;
        for (ActiveRule<E> rule : rules) {
            if (!rule.types().isFinite()) {
                unknown.add(rule);
                if (rule.types().isAll()) {
                    catchAll++;
                }
            }
        }
        return new RuleIndex<>(byType, unknown.toArray(ActiveRule[]::new), catchAll);
    }

    /** The rules to test on an event of type {@code typeId} (-1 when the type has no id), in load order. */
    ActiveRule<E>[] candidates(int typeId) {
        return typeId >= 0 && typeId < byType.length ? byType[typeId] : unknownType;
    }

    /** Rules that can match every event type. */
    int catchAllCount() {
        return catchAll;
    }
}
