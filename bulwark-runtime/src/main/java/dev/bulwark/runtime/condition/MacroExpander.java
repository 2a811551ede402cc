package dev.bulwark.runtime.condition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inlines macros and lists into a condition tree (Falco's macro and list resolvers, on the AST): a macro reference
 * becomes the macro's tree, an unquoted list item naming a list becomes that list's items, {@code in list_name}
 * becomes the list, and a single unquoted value naming a one-item list becomes that item.
 */
public final class MacroExpander {

    private final Map<String, Expr> macros;
    private final Map<String, List<String>> lists;
    private final Set<String> usedMacros = new HashSet<>();
    private final Set<String> usedLists = new HashSet<>();
    private final Deque<String> expanding = new ArrayDeque<>();

    /**
     * @param macros parsed (unexpanded) macro conditions by name
     * @param lists list items by name, already flattened (items naming other lists replaced)
     */
    public MacroExpander(Map<String, Expr> macros, Map<String, List<String>> lists) {
        this.macros = macros;
        this.lists = lists;
    }

    public Expr expand(Expr expr) {
        return switch (expr) {
            case Expr.And and -> new Expr.And(and.children().stream().map(this::expand).toList(), and.pos());
            case Expr.Or or -> new Expr.Or(or.children().stream().map(this::expand).toList(), or.pos());
            case Expr.Not not -> new Expr.Not(expand(not.child()), not.pos());
            case Expr.Constant constant -> constant;
            case Expr.MacroRef ref -> {
                Expr body = macros.get(ref.name());
                if (body == null) {
                    throw new ConditionException("Undefined macro '" + ref.name() + "' used in filter.", ref.pos());
                }
                if (expanding.contains(ref.name())) {
                    throw new ConditionException("Macro '" + ref.name() + "' refers to itself", ref.pos());
                }
                usedMacros.add(ref.name());
                expanding.push(ref.name());
                try {
                    yield expand(body);
                } finally {
                    expanding.pop();
                }
            }
            case Expr.Compare compare -> new Expr.Compare(compare.field(), compare.op(),
                    expandOperand(compare.operand(), compare.op()), compare.pos());
        };
    }

    private Operand expandOperand(Operand operand, Operator op) {
        return switch (operand) {
            case null -> null;
            case Operand.ValueList list -> new Operand.ValueList(expandItems(list.items()), list.pos());
            case Operand.ListName name -> {
                List<String> items = lists.get(name.name());
                if (items == null) {
                    yield new Operand.ValueList(List.of(new Operand.Value(name.name(), false, name.pos())),
                            name.pos());
                }
                usedLists.add(name.name());
                yield new Operand.ValueList(items.stream().map(i -> new Operand.Value(i, true, name.pos())).toList(),
                        name.pos());
            }
            case Operand.Value value -> {
                List<String> items = value.quoted() ? null : lists.get(value.text());
                if (items != null && items.size() == 1 && op.kind() != Operator.Kind.LIST) {
                    usedLists.add(value.text());
                    yield new Operand.Value(items.getFirst(), true, value.pos());
                }
                yield value;
            }
            case Operand.FieldValue field -> field;
        };
    }

    private List<Operand.Value> expandItems(List<Operand.Value> items) {
        List<Operand.Value> out = new ArrayList<>();
        for (Operand.Value item : items) {
            List<String> list = item.quoted() ? null : lists.get(item.text());
            if (list == null) {
                out.add(item);
            } else {
                usedLists.add(item.text());
                for (String value : list) {
                    out.add(new Operand.Value(value, true, item.pos()));
                }
            }
        }
        return out;
    }

    public Set<String> usedMacros() {
        return usedMacros;
    }

    public Set<String> usedLists() {
        return usedLists;
    }
}
