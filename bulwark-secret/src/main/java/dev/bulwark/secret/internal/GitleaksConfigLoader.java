package dev.bulwark.secret.internal;

import dev.bulwark.core.InputException;
import dev.bulwark.core.Severity;
import dev.bulwark.secret.SecretAllowlist;
import dev.bulwark.secret.SecretRule;
import dev.bulwark.secret.SecretRuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads gitleaks TOML configs into a {@link SecretRuleSet}, with gitleaks' semantics for {@code [extend]} (base
 * config, {@code useDefault}, {@code disabledRules}, merging rules by id), allowlists and composite rules, and RE2
 * regexes translated by {@link Re2Syntax}.
 */
public final class GitleaksConfigLoader {

    /** gitleaks extends at most two levels deep. */
    private static final int MAX_EXTEND_DEPTH = 2;

    private static final Set<String> TOP_KEYS = Set.of("title", "description", "minVersion", "extend", "allowlist",
            "allowlists", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "regex", "secretGroup", "entropy",
            "keywords", "path", "tags", "allowlist", "allowlists", "required", "skipReport", "severity", "category");
    private static final Set<String> ALLOWLIST_KEYS = Set.of("description", "condition", "commits", "paths",
            "regexTarget", "regexes", "stopwords", "targetRules");

    private final Path rootFile;
    private final Path extendBase;
    private final List<String> warnings = new ArrayList<>();

    private GitleaksConfigLoader(Path rootFile, Path extendBase) {
        this.rootFile = rootFile;
        this.extendBase = extendBase;
    }

    /** Loads {@code file}; {@code extend.path} values are resolved against the file's directory. */
    public static SecretRuleSet load(Path file, SecretRuleSet builtIn) {
        return load(file, builtIn, null);
    }

    /** Loads {@code file}, resolving {@code extend.path} against {@code extendBase} (null: each file's directory). */
    public static SecretRuleSet load(Path file, SecretRuleSet builtIn, Path extendBase) {
        GitleaksConfigLoader loader = new GitleaksConfigLoader(file, extendBase);
        Resolved resolved = loader.resolve(file, builtIn, 0);
        return new SecretRuleSet(resolved.rules(), resolved.allowlists(), loader.warnings);
    }

    private record Resolved(List<SecretRule> rules, List<SecretAllowlist> allowlists) {
    }

    /** A rule as written; any field may be unset when it extends a base rule. */
    private record RawRule(String id, String description, String regex, Integer secretGroup, Double entropy,
            List<String> keywords, String path, List<String> tags, List<SecretAllowlist> allowlists,
            List<SecretRule.Required> required, boolean skipReport, Severity severity, String category) {
    }

    private Resolved resolve(Path file, SecretRuleSet builtIn, int depth) {
        try {
            return resolveChecked(file, builtIn, depth);
        } catch (org.tomlj.TomlInvalidTypeException e) {
            // A key holds the wrong TOML type (regex = 5, keywords = "x", ...).
            throw new InputException(file.toString(), "wrong value type: " + e.getMessage());
        }
    }

    private Resolved resolveChecked(Path file, SecretRuleSet builtIn, int depth) {
        TomlParseResult toml = parse(file);
        String source = file.toString();
        for (String key : toml.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                warnings.add(source + ": unknown key '" + key + "' ignored");
            }
        }
        // Rules as written.
        Map<String, RawRule> written = new LinkedHashMap<>();
        TomlArray rules = toml.isArray("rules") ? toml.getArray("rules") : null;
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                if (!(rules.get(i) instanceof TomlTable table)) {
                    throw new InputException(source, "[[rules]] entry #" + (i + 1) + " is not a table");
                }
                RawRule rule = rawRule(source, table, i);
                written.put(rule.id(), rule);
            }
        }
        // Global allowlists.
        List<SecretAllowlist> global = new ArrayList<>();
        Map<String, List<SecretAllowlist>> targeted = new LinkedHashMap<>();
        boolean oldForm = toml.isTable("allowlist");
        boolean newForm = toml.isArray("allowlists");
        if (oldForm && newForm) {
            throw new InputException(source, "[allowlist] is deprecated and cannot be used together with [[allowlists]]");
        }
        List<TomlTable> allowTables = new ArrayList<>();
        if (oldForm) {
            allowTables.add(toml.getTable("allowlist"));
        }
        if (newForm) {
            TomlArray array = toml.getArray("allowlists");
            for (int i = 0; i < array.size(); i++) {
                allowTables.add(array.getTable(i));
            }
        }
        for (TomlTable table : allowTables) {
            SecretAllowlist allowlist = allowlist(source, "[[allowlists]]", table);
            if (allowlist == null) {
                continue;
            }
            if (allowlist.targetRules().isEmpty()) {
                global.add(allowlist);
            } else {
                for (String target : allowlist.targetRules()) {
                    targeted.computeIfAbsent(target, k -> new ArrayList<>()).add(allowlist);
                }
            }
        }

        // The base this file extends.
        TomlTable extend = toml.isTable("extend") ? toml.getTable("extend") : null;
        List<SecretRule> base = List.of();
        List<SecretAllowlist> baseAllowlists = List.of();
        List<String> disabled = List.of();
        if (extend != null) {
            boolean useDefault = Boolean.TRUE.equals(extend.getBoolean("useDefault"));
            String extendPath = extend.getString("path");
            disabled = strings(source, extend, "disabledRules");
            if (useDefault && extendPath != null && !extendPath.isBlank()) {
                throw new InputException(source, "[extend] cannot set both path and useDefault");
            }
            if (extend.getString("url") != null) {
                warnings.add(source + ": [extend] url is not supported and was ignored");
            }
            if (depth < MAX_EXTEND_DEPTH) {
                if (useDefault) {
                    base = builtIn.rules();
                    baseAllowlists = builtIn.allowlists();
                } else if (extendPath != null && !extendPath.isBlank()) {
                    Path directory = extendBase != null ? extendBase
                            : file.toAbsolutePath().getParent();
                    Path target = directory.resolve(extendPath).normalize();
                    if (!Files.isRegularFile(target)) {
                        throw new InputException(source, "[extend] path " + extendPath + " not found (looked for "
                                + target + ")");
                    }
                    Resolved resolved = resolve(target, builtIn, depth + 1);
                    base = resolved.rules();
                    baseAllowlists = resolved.allowlists();
                }
            } else if (useDefault || extendPath != null) {
                warnings.add(source + ": [extend] ignored: configs extend at most " + MAX_EXTEND_DEPTH
                        + " levels deep");
            }
        }

        // Merge: base rules (minus disabled ones, overridden by written rules of the same id), then new rules.
        List<SecretRule> merged = new ArrayList<>();
        for (String id : disabled) {
            if (base.stream().noneMatch(rule -> rule.isNamed(id))) {
                warnings.add(source + ": disabled rule '" + id + "' does not exist in the extended config");
            }
        }
        List<String> consumed = new ArrayList<>();
        for (SecretRule baseRule : base) {
            if (disabled.stream().anyMatch(baseRule::isNamed)) {
                continue;
            }
            RawRule override = written.get(baseRule.id());
            if (override == null) {
                override = baseRule.aliases().stream().map(written::get).filter(r -> r != null).findFirst()
                        .orElse(null);
            }
            if (override == null) {
                merged.add(baseRule);
            } else {
                consumed.add(override.id());
                SecretRule rule = mergeRule(source, baseRule, override);
                if (rule != null) {
                    merged.add(rule);
                }
            }
        }
        for (RawRule rule : written.values()) {
            if (!consumed.contains(rule.id())) {
                SecretRule compiled = newRule(source, rule);
                if (compiled != null) {
                    merged.add(compiled);
                }
            }
        }
        // Targeted allowlists and required rules refer to ids of the merged set.
        List<SecretRule> result = new ArrayList<>();
        for (SecretRule rule : merged) {
            List<SecretAllowlist> extra = new ArrayList<>();
            targeted.forEach((target, lists) -> {
                if (rule.isNamed(target)) {
                    extra.addAll(lists);
                }
            });
            result.add(extra.isEmpty() ? rule : withAllowlists(rule, extra));
        }
        for (String target : targeted.keySet()) {
            if (result.stream().noneMatch(rule -> rule.isNamed(target))) {
                throw new InputException(source, "[[allowlists]] target rule '" + target + "' does not exist");
            }
        }
        for (SecretRule rule : result) {
            for (SecretRule.Required required : rule.required()) {
                if (result.stream().noneMatch(other -> other.isNamed(required.ruleId()))) {
                    throw new InputException(source, "rule " + rule.id() + ": required rule '" + required.ruleId()
                            + "' does not exist");
                }
            }
        }
        List<SecretAllowlist> allAllowlists = new ArrayList<>(global);
        allAllowlists.addAll(baseAllowlists);
        return new Resolved(result, allAllowlists);
    }

    private TomlParseResult parse(Path file) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read the secret config: " + e.getMessage(), e);
        }
        if (toml.hasErrors()) {
            var error = toml.errors().getFirst();
            throw new InputException(file.toString(), "not valid TOML: " + error.getMessage());
        }
        return toml;
    }

    private RawRule rawRule(String source, TomlTable table, int index) {
        String id = table.getString("id");
        if (id == null || id.isBlank()) {
            throw new InputException(source, "rule #" + (index + 1) + " has no id");
        }
        for (String key : table.keySet()) {
            if (!RULE_KEYS.contains(key)) {
                warnings.add(source + ": rule " + id + ": unknown key '" + key + "' ignored");
            }
        }
        boolean oldForm = table.isTable("allowlist");
        boolean newForm = table.isArray("allowlists");
        if (oldForm && newForm) {
            throw new InputException(source, "rule " + id
                    + ": [rules.allowlist] is deprecated and cannot be used together with [[rules.allowlists]]");
        }
        List<SecretAllowlist> allowlists = new ArrayList<>();
        if (oldForm) {
            SecretAllowlist allowlist = allowlist(source, "rule " + id + " allowlist", table.getTable("allowlist"));
            if (allowlist != null) {
                allowlists.add(allowlist);
            }
        }
        if (newForm) {
            TomlArray array = table.getArray("allowlists");
            for (int i = 0; i < array.size(); i++) {
                SecretAllowlist allowlist = allowlist(source, "rule " + id + " allowlist #" + (i + 1),
                        array.getTable(i));
                if (allowlist != null) {
                    allowlists.add(allowlist);
                }
            }
        }
        List<SecretRule.Required> required = new ArrayList<>();
        if (table.isArray("required")) {
            TomlArray array = table.getArray("required");
            for (int i = 0; i < array.size(); i++) {
                TomlTable entry = array.getTable(i);
                String requiredId = entry.getString("id");
                if (requiredId == null || requiredId.isBlank()) {
                    throw new InputException(source, "rule " + id + ": [[rules.required]] #" + (i + 1)
                            + " has no id");
                }
                required.add(new SecretRule.Required(requiredId, integer(entry.get("withinLines")),
                        integer(entry.get("withinColumns"))));
            }
        }
        Object group = table.get("secretGroup");
        Object entropy = table.get("entropy");
        String severity = table.getString("severity");
        Severity parsedSeverity = null;
        if (severity != null) {
            try {
                parsedSeverity = Severity.parse(severity);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, "rule " + id + ": " + e.getMessage());
            }
        }
        return new RawRule(id, table.getString("description"), table.getString("regex"), integer(group),
                entropy instanceof Number number ? number.doubleValue() : null, strings(source, table, "keywords"),
                table.getString("path"), strings(source, table, "tags"), allowlists, required,
                Boolean.TRUE.equals(table.getBoolean("skipReport")), parsedSeverity, table.getString("category"));
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    private static List<String> strings(String source, TomlTable table, String key) {
        if (!table.contains(key)) {
            return List.of();
        }
        if (!table.isArray(key)) {
            throw new InputException(source, "'" + key + "' must be an array of strings");
        }
        TomlArray array = table.getArray(key);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object value = array.get(i);
            if (!(value instanceof String text)) {
                throw new InputException(source, "'" + key + "' must be an array of strings");
            }
            values.add(text);
        }
        return values;
    }

    private SecretAllowlist allowlist(String source, String where, TomlTable table) {
        for (String key : table.keySet()) {
            if (!ALLOWLIST_KEYS.contains(key)) {
                warnings.add(source + ": " + where + ": unknown key '" + key + "' ignored");
            }
        }
        String conditionText = table.getString("condition");
        SecretAllowlist.Condition condition = switch (conditionText == null ? "" : conditionText.toUpperCase(Locale.ROOT)) {
            case "", "OR", "||" -> SecretAllowlist.Condition.OR;
            case "AND", "&&" -> SecretAllowlist.Condition.AND;
            default -> throw new InputException(source, where + ": unknown condition '" + conditionText
                    + "' (expected AND or OR)");
        };
        String targetText = table.getString("regexTarget");
        SecretAllowlist.Target target = switch (targetText == null ? "" : targetText) {
            case "", "secret" -> SecretAllowlist.Target.SECRET;
            case "match" -> SecretAllowlist.Target.MATCH;
            case "line" -> SecretAllowlist.Target.LINE;
            default -> throw new InputException(source, where + ": unknown regexTarget '" + targetText
                    + "' (expected secret, match or line)");
        };
        List<Pattern> paths = patterns(source, where + " paths", strings(source, table, "paths"));
        List<Pattern> regexes = patterns(source, where + " regexes", strings(source, table, "regexes"));
        List<String> stopWords = strings(source, table, "stopwords");
        List<String> commits = strings(source, table, "commits");
        List<String> targetRules = strings(source, table, "targetRules");
        if (paths.isEmpty() && regexes.isEmpty() && stopWords.isEmpty()) {
            if (!commits.isEmpty()) {
                warnings.add(source + ": " + where + ": only commits are listed; there is no git history in an "
                        + "image, so it allows nothing");
                return null;
            }
            throw new InputException(source, where + " is empty: it needs paths, regexes or stopwords");
        }
        if (!commits.isEmpty()) {
            warnings.add(source + ": " + where + ": commits are ignored (no git history in an image)");
        }
        return new SecretAllowlist(table.getString("description"), condition, paths, regexes, target, stopWords,
                targetRules);
    }

    private List<Pattern> patterns(String source, String where, List<String> re2) {
        List<Pattern> compiled = new ArrayList<>();
        for (String regex : re2) {
            try {
                compiled.add(Re2Syntax.compile(regex));
            } catch (Re2Syntax.UnsupportedSyntaxException e) {
                warnings.add(source + ": " + where + ": pattern left out: " + e.getMessage());
            }
        }
        return compiled;
    }

    private SecretRule newRule(String source, RawRule raw) {
        if (raw.regex() == null && raw.path() == null) {
            if (raw.keywords().isEmpty()) {
                throw new InputException(source, "rule " + raw.id() + " has neither a regex nor a path");
            }
            warnings.add(source + ": rule " + raw.id() + " has keywords but neither a regex nor a path: it cannot "
                    + "match anything and was left out");
            return null;
        }
        Pattern regex = null;
        Pattern path = null;
        try {
            regex = raw.regex() == null ? null : Re2Syntax.compile(raw.regex());
            path = raw.path() == null ? null : Re2Syntax.compile(raw.path());
        } catch (Re2Syntax.UnsupportedSyntaxException e) {
            warnings.add(source + ": rule " + raw.id() + " left out: " + e.getMessage());
            return null;
        }
        return rule(source, raw.id(), raw.description(), raw.category() != null ? raw.category() : category(raw),
                raw.severity() != null ? raw.severity() : Severity.HIGH, raw.keywords(), regex,
                raw.secretGroup() == null ? 0 : raw.secretGroup(), raw.entropy() == null ? 0 : raw.entropy(), path,
                raw.allowlists(), raw.tags(), SecretRule.Scope.FILE, 0, SecretRule.Check.NONE, null, raw.required(),
                raw.skipReport(), List.of(), SecretRule.Origin.USER);
    }

    private static String category(RawRule raw) {
        return raw.tags().isEmpty() ? "Custom" : raw.tags().getLast();
    }

    private SecretRule mergeRule(String source, SecretRule base, RawRule raw) {
        Pattern regex = base.regex();
        Pattern path = base.path();
        SecretRule.Scope scope = base.scope();
        SecretRule.Check check = base.check();
        int context = base.contextLines();
        try {
            if (raw.regex() != null) {
                regex = Re2Syntax.compile(raw.regex());
                // A replaced regex has gitleaks semantics: whole file, no built-in plausibility check.
                scope = SecretRule.Scope.FILE;
                check = SecretRule.Check.NONE;
                context = 0;
            }
            if (raw.path() != null) {
                path = Re2Syntax.compile(raw.path());
            }
        } catch (Re2Syntax.UnsupportedSyntaxException e) {
            warnings.add(source + ": rule " + raw.id() + " left out: " + e.getMessage());
            return null;
        }
        List<String> keywords = new ArrayList<>(base.keywords());
        keywords.addAll(raw.keywords());
        List<String> tags = new ArrayList<>(base.tags());
        tags.addAll(raw.tags());
        List<SecretAllowlist> allowlists = new ArrayList<>(base.allowlists());
        allowlists.addAll(raw.allowlists());
        List<SecretRule.Required> required = new ArrayList<>(base.required());
        required.addAll(raw.required());
        int group = raw.secretGroup() != null && raw.secretGroup() != 0 ? raw.secretGroup() : base.secretGroup();
        double entropy = raw.entropy() != null && raw.entropy() != 0 ? raw.entropy() : base.minEntropy();
        return rule(source, base.id(), raw.description() != null && !raw.description().isBlank() ? raw.description()
                        : base.title(), raw.category() != null ? raw.category() : base.category(),
                raw.severity() != null ? raw.severity() : base.severity(), keywords, regex, group, entropy, path,
                allowlists, tags, scope, context, check, base.examples(), required,
                base.skipReport() || raw.skipReport(), base.aliases(),
                raw.regex() == null ? base.origin() : SecretRule.Origin.USER);
    }

    private SecretRule rule(String source, String id, String title, String category, Severity severity,
            List<String> keywords, Pattern regex, int secretGroup, double entropy, Pattern path,
            List<SecretAllowlist> allowlists, List<String> tags, SecretRule.Scope scope, int context,
            SecretRule.Check check, Pattern examples, List<SecretRule.Required> required, boolean skipReport,
            List<String> aliases, SecretRule.Origin origin) {
        try {
            return new SecretRule(id, title, category, severity, keywords, regex, secretGroup, entropy, path,
                    allowlists, tags, scope, context, check, examples, required, skipReport, origin, aliases);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, e.getMessage());
        }
    }

    private static SecretRule withAllowlists(SecretRule rule, List<SecretAllowlist> extra) {
        List<SecretAllowlist> all = new ArrayList<>(rule.allowlists());
        all.addAll(extra);
        return new SecretRule(rule.id(), rule.title(), rule.category(), rule.severity(), rule.keywords(), rule.regex(),
                rule.secretGroup(), rule.minEntropy(), rule.path(), all, rule.tags(), rule.scope(),
                rule.contextLines(), rule.check(), rule.examples(), rule.required(), rule.skipReport(), rule.origin(),
                rule.aliases());
    }

    Path rootFile() {
        return rootFile;
    }
}
