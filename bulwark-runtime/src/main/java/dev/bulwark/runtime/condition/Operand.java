package dev.bulwark.runtime.condition;

import java.util.List;

/** The right side of a check. */
public sealed interface Operand {

    SourcePos pos();

    /** A single value; {@code quoted} tells whether it was written in quotes (quoted values are never list names). */
    record Value(String text, boolean quoted, SourcePos pos) implements Operand {
    }

    /** A parenthesised list {@code (a, b, c)}; items may name lists, expanded by {@link MacroExpander}. */
    record ValueList(List<Value> items, SourcePos pos) implements Operand {
        public ValueList {
            items = List.copyOf(items);
        }
    }

    /** {@code in list_name} without parentheses. */
    record ListName(String name, SourcePos pos) implements Operand {
    }

    /** {@code val(field)}: compare against another field of the same event. */
    record FieldValue(FieldRef field, SourcePos pos) implements Operand {
    }
}
