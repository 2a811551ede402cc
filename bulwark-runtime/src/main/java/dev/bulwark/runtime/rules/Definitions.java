package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Priority;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The mutable definitions collected from rule files, before compilation. */
final class Definitions {

    private Definitions() {
    }

    static final class ListDef {
        final String name;
        final List<String> items;
        ItemContext context;

        ListDef(String name, List<String> items, ItemContext context) {
            this.name = name;
            this.items = new ArrayList<>(items);
            this.context = context;
        }
    }

    static final class MacroDef {
        final String name;
        String condition;
        ItemContext context;

        MacroDef(String name, String condition, ItemContext context) {
            this.name = name;
            this.condition = condition;
            this.context = context;
        }
    }

    /**
     * One {@code exceptions:} item. {@code fields} is a list or a single field ({@code fieldsIsList}); {@code comps}
     * parallels {@code fields}; each value is a list (tuple) or, for a single field, a scalar.
     */
    static final class ExceptionDef {
        final String name;
        List<String> fields;
        boolean fieldsIsList;
        List<String> comps;
        final List<Object> values = new ArrayList<>();

        ExceptionDef(String name) {
            this.name = name;
        }
    }

    static final class RuleDef {
        final String name;
        String description;
        String condition;
        String output;
        Priority priority;
        final Set<String> tags = new LinkedHashSet<>();
        String source = "syscall";
        boolean enabled = true;
        boolean warnEvttypes = true;
        boolean skipIfUnknownFilter;
        final List<ExceptionDef> exceptions = new ArrayList<>();
        ItemContext context;

        RuleDef(String name, ItemContext context) {
            this.name = name;
            this.context = context;
        }
    }
}
