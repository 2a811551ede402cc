package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Diagnostic;
import dev.bulwark.runtime.Priority;
import dev.bulwark.runtime.condition.Operator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Collects the items of Falco rule files in load order, applying {@code append: true}, {@code override:} and
 * redefinitions the way Falco does; {@link RuleCompiler} turns the result into compiled rules. Each file stops at
 * its first error (reported with file, line and the item's text), like Falco's loader.
 */
public final class RuleBook {

    /** The engine version Bulwark implements, compared with {@code required_engine_version}. */
    public static final String ENGINE_VERSION = "0.57.0";

    /** Plugins whose fields Bulwark provides natively, so {@code required_plugin_versions} on them is satisfied. */
    private static final Set<String> BUILT_IN_PLUGINS = Set.of("container", "k8saudit", "json", "k8smeta");

    private static final Set<String> RULE_KEYS = Set.of("rule", "desc", "condition", "output", "priority", "tags",
            "enabled", "source", "exceptions", "append", "override", "warn_evttypes", "skip-if-unknown-filter",
            "required_engine_version", "capture", "capture_duration");

    final Map<String, Definitions.ListDef> lists = new LinkedHashMap<>();
    final Map<String, Definitions.MacroDef> macros = new LinkedHashMap<>();
    final Map<String, Definitions.RuleDef> rules = new LinkedHashMap<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    private int[] requiredEngine;

    /**
     * Adds the items of one rule file.
     *
     * @param file the name to report in diagnostics
     * @param text the file's content
     * @return the file's diagnostics (at most one error, which stopped the file)
     */
    public List<Diagnostic> add(String file, String text) {
        warnings.clear();
        List<Diagnostic> result = new ArrayList<>();
        try {
            readFile(file, text);
        } catch (LoadError e) {
            result.add(e.diagnostic());
        }
        result.addAll(0, warnings);
        return result;
    }

    private void readFile(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(32 * 1024 * 1024);
        options.setMaxAliasesForCollections(100);
        options.setAllowDuplicateKeys(true);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
                documents.add(node);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            throw new LoadError(new Diagnostic(Diagnostic.Severity.ERROR, "LOAD_ERR_YAML_PARSE",
                    "Rules content is not yaml: " + e.getProblem(), file, line, column, "rules content", "", ""));
        } catch (YAMLException e) {
            throw new LoadError(new Diagnostic(Diagnostic.Severity.ERROR, "LOAD_ERR_YAML_PARSE",
                    "Rules content is not yaml: " + e.getMessage(), file, 0, 0, "rules content", "", ""));
        }
        String[] lines = text.split("\n", -1);
        for (Node document : documents) {
            if (document == null || (document instanceof ScalarNode scalar && isNull(scalar))) {
                continue;
            }
            if (document instanceof ScalarNode) {
                throw new LoadError(at(file, lines, document, "rules content", "")
                        .error("LOAD_ERR_YAML_VALIDATE", "Rules content is not yaml"));
            }
            if (!(document instanceof SequenceNode sequence)) {
                throw new LoadError(at(file, lines, document, "rules content", "")
                        .error("LOAD_ERR_YAML_VALIDATE", "Rules content is not yaml array of objects"));
            }
            for (Node item : sequence.getValue()) {
                readItem(file, lines, item);
            }
        }
    }

    private void readItem(String file, String[] lines, Node item) {
        if (item instanceof ScalarNode scalar && isNull(scalar)) {
            return;
        }
        if (!(item instanceof MappingNode mapping)) {
            throw new LoadError(at(file, lines, item, "rules content", "").error("LOAD_ERR_YAML_VALIDATE",
                    "Unexpected element type. Each element should be a yaml associative array."));
        }
        Map<String, Node> keys = keys(mapping);
        if (keys.containsKey("required_engine_version")) {
            engineVersion(at(file, lines, item, "required_engine_version", ""), keys.get("required_engine_version"));
        } else if (keys.containsKey("required_plugin_versions")) {
            pluginVersions(at(file, lines, item, "required_plugin_versions", ""),
                    keys.get("required_plugin_versions"));
        } else if (keys.containsKey("list")) {
            list(at(file, lines, item, "list", scalarOrEmpty(keys.get("list"))), keys);
        } else if (keys.containsKey("macro")) {
            macro(at(file, lines, item, "macro", scalarOrEmpty(keys.get("macro"))), keys);
        } else if (keys.containsKey("rule")) {
            rule(at(file, lines, item, "rule", scalarOrEmpty(keys.get("rule"))), keys);
        } else {
            warnings.add(at(file, lines, item, "rules content", "").warning("LOAD_UNKNOWN_ITEM",
                    "Unknown top level item with keys " + keys.keySet()));
        }
    }

    private void engineVersion(ItemContext ctx, Node value) {
        String text = scalar(value);
        int[] required = parseVersion(text, value instanceof ScalarNode s && s.getTag().equals(Tag.INT));
        if (required == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE",
                    "Value of required_engine_version must be a number"));
        }
        int[] ours = parseVersion(ENGINE_VERSION, false);
        if (requiredEngine == null || compare(required, requiredEngine) > 0) {
            requiredEngine = required;
        }
        if (compare(required, ours) > 0) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Rules require engine version " + text
                    + ", but engine version is " + ENGINE_VERSION));
        }
    }

    /** The highest {@code required_engine_version} of the files added, as major.minor.patch, or null. */
    public String requiredEngineVersion() {
        return requiredEngine == null ? null
                : requiredEngine[0] + "." + requiredEngine[1] + "." + requiredEngine[2];
    }

    /** {@code 15} means 0.15.0 (the old numbering); otherwise major.minor.patch. */
    static int[] parseVersion(String text, boolean integer) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.matches("\\d+") ) {
            return new int[] {0, parseIntSafe(t), 0};
        }
        if (t.matches("\\d+\\.\\d+\\.\\d+")) {
            String[] parts = t.split("\\.");
            return new int[] {parseIntSafe(parts[0]), parseIntSafe(parts[1]), parseIntSafe(parts[2])};
        }
        return null;
    }

    private static int parseIntSafe(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private void pluginVersions(ItemContext ctx, Node value) {
        if (!(value instanceof SequenceNode sequence)) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE",
                    "Value of required_plugin_versions must be a sequence"));
        }
        for (Node entry : sequence.getValue()) {
            if (!(entry instanceof MappingNode mapping)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE",
                        "Each required_plugin_versions entry must have 'name' and 'version'"));
            }
            Map<String, Node> keys = keys(mapping);
            String name = scalar(keys.get("name"));
            String version = scalar(keys.get("version"));
            if (name == null || name.isBlank() || version == null || version.isBlank()) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE",
                        "Each required_plugin_versions entry must have 'name' and 'version'"));
            }
            boolean satisfied = BUILT_IN_PLUGINS.contains(name);
            if (keys.get("alternatives") instanceof SequenceNode alternatives) {
                for (Node alt : alternatives.getValue()) {
                    if (alt instanceof MappingNode altMap && BUILT_IN_PLUGINS.contains(scalar(keys(altMap).get("name")))) {
                        satisfied = true;
                    }
                }
            }
            if (!satisfied) {
                throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Plugin '" + name
                        + "' required by this rule file is not available (Bulwark provides "
                        + String.join(", ", BUILT_IN_PLUGINS.stream().sorted().toList()) + ")"));
            }
        }
    }

    private void list(ItemContext ctx, Map<String, Node> keys) {
        String name = scalar(keys.get("list"));
        if (name == null || name.isEmpty()) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "List name is empty"));
        }
        if (!keys.containsKey("items")) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "List must have property items"));
        }
        List<String> items = stringList(ctx, keys.get("items"), "items");
        String mode = mergeMode(ctx, keys, "items");
        Definitions.ListDef existing = lists.get(name);
        if (mode != null && mode.equals("append")) {
            if (existing == null) {
                throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "List " + name
                        + " has 'append' key but no list by that name already exists"));
            }
            existing.items.addAll(items);
            existing.context = ctx;
        } else if (mode != null && existing == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "List " + name
                    + " has 'override' key but no list by that name already exists"));
        } else {
            lists.put(name, new Definitions.ListDef(name, items, ctx));
        }
    }

    private void macro(ItemContext ctx, Map<String, Node> keys) {
        String name = scalar(keys.get("macro"));
        if (name == null || name.isEmpty()) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Macro name is empty"));
        }
        if (!keys.containsKey("condition")) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Macro must have property condition"));
        }
        String condition = scalarOrEmpty(keys.get("condition"));
        String mode = mergeMode(ctx, keys, "condition");
        Definitions.MacroDef existing = macros.get(name);
        if (mode != null && existing == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Macro " + name + " has '"
                    + (keys.containsKey("append") ? "append" : "override")
                    + "' key but no macro by that name already exists"));
        }
        if ("append".equals(mode)) {
            existing.condition = existing.condition + " " + condition;
            existing.context = ctx;
        } else if ("replace".equals(mode)) {
            existing.condition = condition;
            existing.context = ctx;
        } else {
            macros.put(name, new Definitions.MacroDef(name, condition, ctx));
        }
    }

    /**
     * How an item merges with an earlier one of the same name: {@code append} ({@code append: true} or
     * {@code override: {key: append}}), {@code replace} ({@code override: {key: replace}}), or null (a new
     * definition).
     */
    private static String mergeMode(ItemContext ctx, Map<String, Node> keys, String key) {
        if (keys.containsKey("append") && bool(ctx, keys.get("append"), "append")) {
            return "append";
        }
        if (keys.get("override") instanceof MappingNode override) {
            String mode = scalar(keys(override).get(key));
            if (mode != null && !mode.equals("append") && !mode.equals("replace")) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Invalid override value '" + mode
                        + "' for key '" + key + "': must be 'append' or 'replace'"));
            }
            return mode;
        }
        return null;
    }

    private void rule(ItemContext ctx, Map<String, Node> keys) {
        String name = scalar(keys.get("rule"));
        if (name == null || name.isEmpty()) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule name is empty"));
        }
        for (String key : keys.keySet()) {
            if (!RULE_KEYS.contains(key)) {
                warnings.add(ctx.warning("LOAD_UNKNOWN_KEY", "Unknown key '" + key + "' in rule"));
            }
        }
        Definitions.RuleDef existing = rules.get(name);
        boolean append = keys.containsKey("append") && bool(ctx, keys.get("append"), "append");
        if (append) {
            appendRule(ctx, keys, name, existing);
            return;
        }
        if (keys.get("override") instanceof MappingNode override) {
            overrideRule(ctx, keys, keys(override), name, existing);
            return;
        }
        boolean onlyEnabled = keys.containsKey("enabled") && keys.keySet().stream()
                .allMatch(k -> k.equals("rule") || k.equals("enabled"));
        if (onlyEnabled) {
            if (existing == null) {
                throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Rule " + name
                        + " has 'enabled' key but no rule by that name already exists"));
            }
            existing.enabled = bool(ctx, keys.get("enabled"), "enabled");
            return;
        }
        for (String required : List.of("condition", "output", "desc", "priority")) {
            if (!keys.containsKey(required)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE",
                        "Rule must have properties 'condition', 'output', 'desc', and 'priority'"));
            }
        }
        Definitions.RuleDef rule = new Definitions.RuleDef(name, ctx);
        rule.condition = scalarOrEmpty(keys.get("condition"));
        rule.output = scalarOrEmpty(keys.get("output")).trim();
        rule.description = scalarOrEmpty(keys.get("desc"));
        rule.priority = priority(ctx, keys.get("priority"));
        if (keys.containsKey("tags")) {
            rule.tags.addAll(stringList(ctx, keys.get("tags"), "tags"));
        }
        if (keys.containsKey("source")) {
            rule.source = scalarOrEmpty(keys.get("source"));
        }
        if (keys.containsKey("enabled")) {
            rule.enabled = bool(ctx, keys.get("enabled"), "enabled");
        }
        if (keys.containsKey("warn_evttypes")) {
            rule.warnEvttypes = bool(ctx, keys.get("warn_evttypes"), "warn_evttypes");
        }
        if (keys.containsKey("skip-if-unknown-filter")) {
            rule.skipIfUnknownFilter = bool(ctx, keys.get("skip-if-unknown-filter"), "skip-if-unknown-filter");
        }
        if (keys.containsKey("exceptions")) {
            for (Definitions.ExceptionDef exception : exceptions(ctx, keys.get("exceptions"), null)) {
                rule.exceptions.add(exception);
            }
        }
        if (existing != null) {
            rules.remove(name);
        }
        rules.put(name, rule);
    }

    private void appendRule(ItemContext ctx, Map<String, Node> keys, String name, Definitions.RuleDef existing) {
        if (existing == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Rule " + name
                    + " has 'append' key but no rule by that name already exists"));
        }
        if (!keys.containsKey("condition") && !keys.containsKey("exceptions") && !keys.containsKey("output")
                && !keys.containsKey("desc") && !keys.containsKey("tags")) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE",
                    "Appended rule must have exceptions or condition property"));
        }
        if (keys.containsKey("exceptions")) {
            mergeExceptions(ctx, existing, exceptions(ctx, keys.get("exceptions"), existing));
        }
        if (keys.containsKey("condition")) {
            existing.condition = existing.condition + " " + scalarOrEmpty(keys.get("condition"));
        }
        if (keys.containsKey("output")) {
            existing.output = existing.output + " " + scalarOrEmpty(keys.get("output")).trim();
        }
        if (keys.containsKey("desc")) {
            existing.description = existing.description + " " + scalarOrEmpty(keys.get("desc"));
        }
        if (keys.containsKey("tags")) {
            existing.tags.addAll(stringList(ctx, keys.get("tags"), "tags"));
        }
        existing.context = ctx;
    }

    private void overrideRule(ItemContext ctx, Map<String, Node> keys, Map<String, Node> override, String name,
                              Definitions.RuleDef existing) {
        if (existing == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Rule " + name
                    + " has 'override' key but no rule by that name already exists"));
        }
        for (var entry : override.entrySet()) {
            String key = entry.getKey();
            String mode = scalar(entry.getValue());
            if (!"append".equals(mode) && !"replace".equals(mode)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Invalid override value '" + mode
                        + "' for key '" + key + "': must be 'append' or 'replace'"));
            }
            if (!keys.containsKey(key)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "An override for key '" + key
                        + "' was specified but the key is not defined"));
            }
            boolean append = mode.equals("append");
            Node value = keys.get(key);
            switch (key) {
                case "condition" -> existing.condition = append
                        ? existing.condition + " " + scalarOrEmpty(value) : scalarOrEmpty(value);
                case "output" -> existing.output = append
                        ? existing.output + " " + scalarOrEmpty(value).trim() : scalarOrEmpty(value).trim();
                case "desc" -> existing.description = append
                        ? existing.description + " " + scalarOrEmpty(value) : scalarOrEmpty(value);
                case "tags" -> {
                    if (!append) {
                        existing.tags.clear();
                    }
                    existing.tags.addAll(stringList(ctx, value, "tags"));
                }
                case "exceptions" -> {
                    List<Definitions.ExceptionDef> items = exceptions(ctx, value, append ? existing : null);
                    if (append) {
                        mergeExceptions(ctx, existing, items);
                    } else {
                        existing.exceptions.clear();
                        existing.exceptions.addAll(items);
                    }
                }
                case "priority" -> {
                    requireReplace(ctx, key, append);
                    existing.priority = priority(ctx, value);
                }
                case "enabled" -> {
                    requireReplace(ctx, key, append);
                    existing.enabled = bool(ctx, value, "enabled");
                }
                case "source" -> {
                    requireReplace(ctx, key, append);
                    existing.source = scalarOrEmpty(value);
                }
                case "warn_evttypes" -> {
                    requireReplace(ctx, key, append);
                    existing.warnEvttypes = bool(ctx, value, key);
                }
                case "skip-if-unknown-filter" -> {
                    requireReplace(ctx, key, append);
                    existing.skipIfUnknownFilter = bool(ctx, value, key);
                }
                default -> throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Key '" + key
                        + "' cannot be overridden"));
            }
        }
        existing.context = ctx;
    }

    private static void requireReplace(ItemContext ctx, String key, boolean append) {
        if (append) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Key '" + key
                    + "' cannot be appended to, use 'replace' instead"));
        }
    }

    private static void mergeExceptions(ItemContext ctx, Definitions.RuleDef rule,
                                        List<Definitions.ExceptionDef> appended) {
        for (Definitions.ExceptionDef item : appended) {
            Definitions.ExceptionDef existing = rule.exceptions.stream()
                    .filter(e -> e.name.equals(item.name)).findFirst().orElse(null);
            if (existing == null) {
                if (item.fields == null) {
                    throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception new item " + item.name
                            + ": must have fields property with a list of fields"));
                }
                rule.exceptions.add(item);
            } else {
                checkValues(ctx, existing.fields, existing.fieldsIsList, item.values, existing.name);
                existing.values.addAll(item.values);
            }
        }
    }

    /** Parses an {@code exceptions:} list; {@code appendTo} is the rule being appended to, or null. */
    private static List<Definitions.ExceptionDef> exceptions(ItemContext ctx, Node node,
                                                              Definitions.RuleDef appendTo) {
        if (!(node instanceof SequenceNode sequence)) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exceptions must be a sequence"));
        }
        List<Definitions.ExceptionDef> result = new ArrayList<>();
        for (Node itemNode : sequence.getValue()) {
            if (!(itemNode instanceof MappingNode mapping)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception item must be a mapping"));
            }
            Map<String, Node> keys = keys(mapping);
            String name = scalar(keys.get("name"));
            if (name == null || name.isEmpty()) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception item must have name property"));
            }
            Definitions.ExceptionDef item = new Definitions.ExceptionDef(name);
            boolean knownInBase = appendTo != null && appendTo.exceptions.stream().anyMatch(e -> e.name.equals(name));
            Node fields = keys.get("fields");
            if (fields instanceof SequenceNode) {
                item.fields = stringList(ctx, fields, "fields");
                item.fieldsIsList = true;
            } else if (fields instanceof ScalarNode scalar && !isNull(scalar)) {
                item.fields = List.of(scalar.getValue());
                item.fieldsIsList = false;
            } else if (appendTo == null) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception item " + name
                        + ": must have fields property with a list of fields"));
            } else if (!knownInBase) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception new item " + name
                        + ": must have fields property with a list of fields"));
            }
            Node comps = keys.get("comps");
            if (item.fields != null) {
                if (comps instanceof SequenceNode) {
                    item.comps = stringList(ctx, comps, "comps");
                } else if (comps instanceof ScalarNode scalar && !isNull(scalar)) {
                    item.comps = List.of(scalar.getValue());
                } else {
                    item.comps = item.fieldsIsList ? item.fields.stream().map(f -> "=").toList() : List.of("in");
                }
                if (item.comps.size() != item.fields.size()) {
                    throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception item " + name
                            + ": fields and comps lists must have equal length"));
                }
                for (String comp : item.comps) {
                    Operator op = Operator.bySymbol(comp);
                    if (op == null || op == Operator.EXISTS) {
                        throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Rule exception item " + name
                                + ": comparison operator " + comp + " is not a supported comparison operator"));
                    }
                }
            }
            Node values = keys.get("values");
            if (values instanceof SequenceNode valueSeq) {
                for (Node value : valueSeq.getValue()) {
                    item.values.add(toValue(value));
                }
            }
            if (item.fields != null) {
                checkValues(ctx, item.fields, item.fieldsIsList, item.values, name);
            }
            result.add(item);
        }
        return result;
    }

    private static void checkValues(ItemContext ctx, List<String> fields, boolean fieldsIsList, List<Object> values,
                                    String name) {
        if (!fieldsIsList) {
            return;
        }
        for (Object value : values) {
            if (!(value instanceof List<?> tuple) || tuple.size() != fields.size()) {
                throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Exception item " + name
                        + ": fields and values lists must have equal length"));
            }
        }
    }

    /** A YAML value as a String or (nested) List of them. */
    private static Object toValue(Node node) {
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node n : seq.getValue()) {
                list.add(toValue(n));
            }
            return list;
        }
        return scalarOrEmpty(node);
    }

    private static Priority priority(ItemContext ctx, Node node) {
        String text = scalar(node);
        Priority priority = Priority.parse(text);
        if (priority == null) {
            throw new LoadError(ctx.error("LOAD_ERR_VALIDATE", "Invalid priority level: " + text));
        }
        return priority;
    }

    private static boolean bool(ItemContext ctx, Node node, String key) {
        String text = scalar(node);
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Value of " + key + " must be a boolean, got '"
                + text + "'"));
    }

    private static List<String> stringList(ItemContext ctx, Node node, String key) {
        if (node instanceof ScalarNode scalar && isNull(scalar)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Value of " + key + " must be a sequence"));
        }
        List<String> items = new ArrayList<>();
        for (Node n : sequence.getValue()) {
            if (!(n instanceof ScalarNode scalar)) {
                throw new LoadError(ctx.error("LOAD_ERR_YAML_VALIDATE", "Items of " + key + " must be scalars"));
            }
            items.add(scalar.getValue());
        }
        return items;
    }

    private static Map<String, Node> keys(MappingNode mapping) {
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                keys.put(key.getValue(), tuple.getValueNode());
            }
        }
        return keys;
    }

    private static boolean isNull(ScalarNode scalar) {
        return scalar.getTag().equals(Tag.NULL);
    }

    private static String scalar(Node node) {
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? null : scalar.getValue();
        }
        return null;
    }

    private static String scalarOrEmpty(Node node) {
        String value = scalar(node);
        return value == null ? "" : value;
    }

    private static ItemContext at(String file, String[] lines, Node node, String itemType, String itemName) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        int first = start.getLine();
        int last = end.getColumn() == 0 ? end.getLine() - 1 : end.getLine();
        StringBuilder snippet = new StringBuilder();
        for (int i = first; i <= last && i < lines.length; i++) {
            String line = i == first ? " ".repeat(Math.max(0, start.getColumn() - 2)) + "- "
                    + lines[i].substring(Math.min(start.getColumn(), lines[i].length())) : lines[i];
            snippet.append(line.stripTrailing()).append('\n');
        }
        String text = snippet.toString().stripTrailing();
        return new ItemContext(file, first + 1, start.getColumn() + 1, itemType, itemName, text);
    }
}
