package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Diagnostic;
import dev.bulwark.runtime.Rule;
import dev.bulwark.runtime.condition.ConditionCompiler;
import dev.bulwark.runtime.condition.ConditionException;
import dev.bulwark.runtime.condition.ConditionParser;
import dev.bulwark.runtime.condition.EventTypes;
import dev.bulwark.runtime.condition.Expr;
import dev.bulwark.runtime.condition.Filter;
import dev.bulwark.runtime.condition.MacroExpander;
import dev.bulwark.runtime.fields.FieldCatalog;
import dev.bulwark.runtime.output.OutputFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the definitions of a {@link RuleBook}: flattens lists, parses and checks every macro, builds each rule's
 * condition with its exceptions, expands macros and lists, binds fields of the rule's source, parses the output
 * template and infers event types. Errors and warnings name the item that defined (or last appended to) the rule.
 */
public final class RuleCompiler {

    /** The compiled rules by source, and everything worth reporting. */
    public record Result(Map<String, List<CompiledRule<?>>> rules, List<Rule> definitions,
                         List<Diagnostic> diagnostics) {

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
    }

    private final Map<String, FieldCatalog<?>> catalogs;

    public RuleCompiler(Map<String, FieldCatalog<?>> catalogs) {
        this.catalogs = catalogs;
    }

    public Result compile(RuleBook book) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, List<String>> lists = flattenLists(book);
        Map<String, Expr> macros = new LinkedHashMap<>();
        for (Definitions.MacroDef macro : book.macros.values()) {
            try {
                macros.put(macro.name, ConditionParser.parse(macro.condition));
            } catch (ConditionException e) {
                diagnostics.add(macro.context.error("LOAD_ERR_COMPILE_CONDITION", "Compilation error when compiling \""
                        + macro.condition + "\": " + position(e) + e.getMessage()));
            }
        }
        Set<String> usedMacros = new HashSet<>();
        Set<String> usedLists = new HashSet<>();
        for (Definitions.MacroDef macro : book.macros.values()) {
            Expr parsed = macros.get(macro.name);
            if (parsed == null) {
                continue;
            }
            MacroExpander expander = new MacroExpander(macros, lists);
            try {
                expander.expand(parsed);
                usedMacros.addAll(expander.usedMacros());
                usedLists.addAll(expander.usedLists());
            } catch (ConditionException e) {
                diagnostics.add(macro.context.error("LOAD_ERR_COMPILE_CONDITION", "Compilation error when compiling \""
                        + macro.condition + "\": " + e.getMessage()));
            }
        }
        Map<String, List<CompiledRule<?>>> compiled = new LinkedHashMap<>();
        List<Rule> definitions = new ArrayList<>();
        int order = 0;
        for (Definitions.RuleDef def : book.rules.values()) {
            String condition = withExceptions(def);
            Rule rule = new Rule(def.name, def.description, condition, def.output, def.priority, def.tags,
                    def.source, def.enabled);
            FieldCatalog<?> catalog = catalogs.get(def.source);
            if (catalog == null) {
                diagnostics.add(def.context.warning("LOAD_UNKNOWN_SOURCE", "Unknown source " + def.source
                        + ", skipping"));
                continue;
            }
            CompiledRule<?> result = compileRule(def, rule, condition, catalog, macros, lists, diagnostics,
                    usedMacros, usedLists, order);
            if (result != null) {
                compiled.computeIfAbsent(def.source, k -> new ArrayList<>()).add(result);
                definitions.add(rule);
                order++;
            }
        }
        for (Definitions.MacroDef macro : book.macros.values()) {
            if (!usedMacros.contains(macro.name)) {
                diagnostics.add(macro.context.warning("LOAD_UNUSED_MACRO",
                        "Macro not referred to by any other rule/macro"));
            }
        }
        for (Definitions.ListDef list : book.lists.values()) {
            if (!usedLists.contains(list.name) && !listUsedByList(book, list.name)) {
                diagnostics.add(list.context.warning("LOAD_UNUSED_LIST",
                        "List not referred to by any other rule/macro"));
            }
        }
        return new Result(compiled, definitions, diagnostics);
    }

    private static boolean listUsedByList(RuleBook book, String name) {
        for (Definitions.ListDef other : book.lists.values()) {
            if (!other.name.equals(name) && other.items.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private <E> CompiledRule<E> compileRule(Definitions.RuleDef def, Rule rule, String condition,
                                            FieldCatalog<E> catalog, Map<String, Expr> macros,
                                            Map<String, List<String>> lists, List<Diagnostic> diagnostics,
                                            Set<String> usedMacros, Set<String> usedLists, int order) {
        for (Definitions.ExceptionDef exception : def.exceptions) {
            for (String field : exception.fields) {
                if (catalog.info(field) == null) {
                    diagnostics.add(def.context.error("LOAD_ERR_VALIDATE", "Rule exception item " + exception.name
                            + ": field name " + field + " is not a supported filter field"));
                    return null;
                }
            }
        }
        Expr parsed;
        try {
            parsed = ConditionParser.parse(condition);
        } catch (ConditionException e) {
            diagnostics.add(def.context.error("LOAD_ERR_COMPILE_CONDITION", "Compilation error when compiling \""
                    + condition + "\": " + position(e) + e.getMessage()));
            return null;
        }
        MacroExpander expander = new MacroExpander(macros, lists);
        Expr expanded;
        try {
            expanded = expander.expand(parsed);
        } catch (ConditionException e) {
            diagnostics.add(def.context.error("LOAD_ERR_COMPILE_CONDITION", e.getMessage()));
            return null;
        }
        usedMacros.addAll(expander.usedMacros());
        usedLists.addAll(expander.usedLists());
        Filter<E> filter;
        try {
            filter = new ConditionCompiler<>(catalog).compile(expanded);
        } catch (ConditionException e) {
            if (def.skipIfUnknownFilter && e.getMessage().contains("nonexistent field")) {
                diagnostics.add(def.context.warning("LOAD_UNKNOWN_FILTER", "Rule skipped: " + e.getMessage()));
                return null;
            }
            diagnostics.add(def.context.error("LOAD_ERR_COMPILE_CONDITION", e.getMessage()));
            return null;
        }
        OutputFormat<E> output;
        try {
            output = OutputFormat.parse(def.output, catalog);
        } catch (IllegalArgumentException e) {
            diagnostics.add(def.context.error("LOAD_ERR_COMPILE_OUTPUT", "Invalid output format '" + def.output
                    + "': '" + e.getMessage() + "'"));
            return null;
        }
        EventTypes.TypeSet types = EventTypes.of(expanded);
        if (def.warnEvttypes && def.source.equals("syscall") && !types.isFinite()) {
            diagnostics.add(def.context.warning("LOAD_NO_EVTTYPE", "Rule matches too many evt.type values. "
                    + "This has a significant performance penalty."));
        }
        return new CompiledRule<>(rule, filter, output, types, order);
    }

    private static String position(ConditionException e) {
        return e.pos() == null ? "" : e.pos().column() + ": ";
    }

    /** Lists with items naming other lists replaced by those lists' items. */
    private static Map<String, List<String>> flattenLists(RuleBook book) {
        Map<String, List<String>> out = new HashMap<>();
        for (Definitions.ListDef list : book.lists.values()) {
            out.put(list.name, flatten(book, list.name, new HashSet<>()));
        }
        return out;
    }

    private static List<String> flatten(RuleBook book, String name, Set<String> visiting) {
        Definitions.ListDef list = book.lists.get(name);
        if (list == null || !visiting.add(name)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : list.items) {
            if (book.lists.containsKey(item) && !visiting.contains(item)) {
                out.addAll(flatten(book, item, visiting));
            } else {
                out.add(unquote(item));
            }
        }
        visiting.remove(name);
        return out;
    }

    private static String unquote(String item) {
        if (item.length() >= 2 && ((item.startsWith("\"") && item.endsWith("\""))
                || (item.startsWith("'") && item.endsWith("'")))) {
            return item.substring(1, item.length() - 1);
        }
        return item;
    }

    /** The condition with the rule's exceptions appended as {@code and not (...)}, the way Falco builds it. */
    static String withExceptions(Definitions.RuleDef def) {
        List<String> clauses = new ArrayList<>();
        for (Definitions.ExceptionDef exception : def.exceptions) {
            if (exception.fields == null) {
                continue;
            }
            if (!exception.fieldsIsList) {
                if (exception.values.isEmpty()) {
                    continue;
                }
                List<String> items = new ArrayList<>();
                for (Object v : exception.values) {
                    items.add(quote(String.valueOf(v)));
                }
                clauses.add("(" + exception.fields.getFirst() + " " + exception.comps.getFirst() + " ("
                        + String.join(", ", items) + "))");
                continue;
            }
            for (Object value : exception.values) {
                List<?> tuple = (List<?>) value;
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < exception.fields.size(); i++) {
                    String comp = exception.comps.get(i);
                    parts.add(exception.fields.get(i) + " " + comp + " " + formatValue(comp, tuple.get(i)));
                }
                clauses.add("(" + String.join(" and ", parts) + ")");
            }
        }
        if (clauses.isEmpty()) {
            return def.condition;
        }
        return "(" + def.condition + ") and not (" + String.join(" or ", clauses) + ")";
    }

    private static String formatValue(String comp, Object value) {
        boolean listOp = comp.equals("in") || comp.equals("pmatch") || comp.equals("intersects");
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(quote(String.valueOf(o)));
            }
            return "(" + String.join(", ", items) + ")";
        }
        String text = String.valueOf(value);
        if (listOp) {
            return text.startsWith("(") ? text : "(" + quote(text) + ")";
        }
        return quote(text);
    }

    private static String quote(String item) {
        if (item.isEmpty()) {
            return "\"\"";
        }
        if (item.startsWith("\"") || item.startsWith("'")) {
            return item;
        }
        for (char c : item.toCharArray()) {
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == '=') {
                return "\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return item;
    }
}
