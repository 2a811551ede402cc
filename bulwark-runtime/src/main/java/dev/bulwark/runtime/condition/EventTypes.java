package dev.bulwark.runtime.condition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers which event types ({@code evt.type} names) an expanded condition can match, so the rule index tests each
 * event only against rules that can fire on it. {@code and} intersects, {@code or} unites; a negation complements
 * only a subtree that depends on {@code evt.type} alone, anything else can match every type.
 */
public final class EventTypes {

    /**
     * A set of event type names, or its complement.
     *
     * @param complement true when the set means "every type except {@code names}"
     * @param exact true when the subtree's truth depends on the event type only
     */
    public record TypeSet(Set<String> names, boolean complement, boolean exact) {

        static final TypeSet ALL_INEXACT = new TypeSet(Set.of(), true, false);

        public TypeSet {
            names = Set.copyOf(names);
        }

        /** True when every event type can match. */
        public boolean isAll() {
            return complement && names.isEmpty();
        }

        /** True when the set names a finite list of types. */
        public boolean isFinite() {
            return !complement;
        }

        /** Whether an event named {@code type} can match. */
        public boolean contains(String type) {
            return complement != names.contains(type);
        }

        TypeSet not() {
            return exact ? new TypeSet(names, !complement, true) : ALL_INEXACT;
        }

        TypeSet and(TypeSet other) {
            boolean ex = exact && other.exact;
            if (!complement && !other.complement) {
                Set<String> s = new HashSet<>(names);
                s.retainAll(other.names);
                return new TypeSet(s, false, ex);
            }
            if (complement && other.complement) {
                Set<String> s = new HashSet<>(names);
                s.addAll(other.names);
                return new TypeSet(s, true, ex);
            }
            TypeSet positive = complement ? other : this;
            TypeSet negative = complement ? this : other;
            Set<String> s = new HashSet<>(positive.names);
            s.removeAll(negative.names);
            return new TypeSet(s, false, ex);
        }

        TypeSet or(TypeSet other) {
            boolean ex = exact && other.exact;
            if (!complement && !other.complement) {
                Set<String> s = new HashSet<>(names);
                s.addAll(other.names);
                return new TypeSet(s, false, ex);
            }
            if (complement && other.complement) {
                Set<String> s = new HashSet<>(names);
                s.retainAll(other.names);
                return new TypeSet(s, true, ex);
            }
            TypeSet positive = complement ? other : this;
            TypeSet negative = complement ? this : other;
            Set<String> s = new HashSet<>(negative.names);
            s.removeAll(positive.names);
            return new TypeSet(s, true, ex);
        }
    }

    private EventTypes() {
    }

    public static TypeSet of(Expr expr) {
        return switch (expr) {
            case Expr.And and -> {
                TypeSet result = null;
                for (Expr child : and.children()) {
                    TypeSet t = of(child);
                    result = result == null ? t : result.and(t);
                }
                yield result;
            }
            case Expr.Or or -> {
                TypeSet result = null;
                for (Expr child : or.children()) {
                    TypeSet t = of(child);
                    result = result == null ? t : result.or(t);
                }
                yield result;
            }
            case Expr.Not not -> of(not.child()).not();
            case Expr.Constant constant -> constant.value() ? new TypeSet(Set.of(), true, true)
                    : new TypeSet(Set.of(), false, true);
            case Expr.MacroRef ignored -> TypeSet.ALL_INEXACT;
            case Expr.Compare compare -> ofCompare(compare);
        };
    }

    private static TypeSet ofCompare(Expr.Compare compare) {
        if (!(compare.field() instanceof FieldRef.Plain plain) || !plain.name().equals("evt.type")
                || plain.arg() != null) {
            return TypeSet.ALL_INEXACT;
        }
        List<String> values = switch (compare.operand()) {
            case Operand.Value v -> List.of(v.text());
            case Operand.ValueList l -> l.items().stream().map(Operand.Value::text).toList();
            case null, default -> null;
        };
        if (values == null) {
            return TypeSet.ALL_INEXACT;
        }
        return switch (compare.op()) {
            case EQ, EQEQ, IN, INTERSECTS -> new TypeSet(new HashSet<>(values), false, true);
            case NE -> new TypeSet(new HashSet<>(values), true, true);
            default -> TypeSet.ALL_INEXACT;
        };
    }
}
