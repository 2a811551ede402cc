package dev.bulwark.runtime.condition;

import java.util.List;
import java.util.Objects;

/**
 * The abstract syntax tree of a Falco condition. Macros and lists are still references here; {@link MacroExpander}
 * inlines them before {@link ConditionCompiler} turns the tree into a predicate.
 */
public sealed interface Expr {

    SourcePos pos();

    /** All children hold. */
    record And(List<Expr> children, SourcePos pos) implements Expr {
        public And {
            children = List.copyOf(children);
        }
    }

    /** At least one child holds. */
    record Or(List<Expr> children, SourcePos pos) implements Expr {
        public Or {
            children = List.copyOf(children);
        }
    }

    /** The child does not hold. */
    record Not(Expr child, SourcePos pos) implements Expr {
        public Not {
            Objects.requireNonNull(child, "child is null");
        }
    }

    /**
     * {@code field op operand}; {@code operand} is {@code null} for unary operators ({@code exists}).
     */
    record Compare(FieldRef field, Operator op, Operand operand, SourcePos pos) implements Expr {
        public Compare {
            Objects.requireNonNull(field, "field is null");
            Objects.requireNonNull(op, "op is null");
        }
    }

    /** A bare identifier: a macro name, resolved by {@link MacroExpander}. */
    record MacroRef(String name, SourcePos pos) implements Expr {
    }

    /** A constant, produced by expansion (e.g. an exception list that is empty). */
    record Constant(boolean value, SourcePos pos) implements Expr {
    }
}
