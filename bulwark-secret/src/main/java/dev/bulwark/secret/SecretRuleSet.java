package dev.bulwark.secret;

import dev.bulwark.core.InputException;
import dev.bulwark.secret.internal.GitleaksConfigLoader;
import dev.bulwark.secret.internal.rules.BuiltInRules;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a {@link SecretScanner} runs, with the allowlists that apply to all of them, and any problems met while
 * loading them.
 *
 * @param rules the rules, in report order; ids are unique
 * @param allowlists allowlists applied to every rule (or to their {@code targetRules})
 * @param warnings problems that did not stop loading, one line each naming the rule and the cause (e.g. a regex
 *     construct that java.util.regex cannot express: that rule is left out)
 */
public record SecretRuleSet(List<SecretRule> rules, List<SecretAllowlist> allowlists, List<String> warnings) {

    public SecretRuleSet {
        rules = List.copyOf(rules);
        allowlists = List.copyOf(allowlists);
        warnings = List.copyOf(warnings);
        Set<String> ids = new HashSet<>();
        for (SecretRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("duplicate rule id " + rule.id());
            }
        }
    }

    /** Bulwark's built-in rules (see the README's "Secret scanning" section). Cached; cheap to call. */
    public static SecretRuleSet builtIn() {
        return BuiltInRules.ruleSet();
    }

    /**
     * Loads a gitleaks TOML config ({@code --secret-config}). As in gitleaks, the file replaces the built-in rules
     * unless it says {@code [extend] useDefault = true} (the built-in rules, minus {@code disabledRules}, are then
     * the base its rules extend and override by id) or {@code [extend] path = "other.toml"} (resolved against this
     * file's directory; at most two levels deep).
     *
     * <p>Supported: {@code [[rules]]} with {@code id, description, regex, secretGroup, entropy, keywords, path,
     * tags, [[rules.allowlists]]} (and the older {@code [rules.allowlist]}), {@code [[rules.required]]} and
     * {@code skipReport}; global {@code [allowlist]} / {@code [[allowlists]]} with {@code paths, regexes,
     * regexTarget, stopwords, condition, targetRules}. Extensions: {@code severity} and {@code category} on a rule.
     * Ignored: {@code commits} (there is no git history in an image). Regexes are RE2 and are translated; a rule
     * whose regex cannot be translated is left out and named in {@link #warnings()}.
     *
     * @throws InputException naming the file and the problem when the file is unreadable, not TOML, or not a valid
     *     gitleaks config (missing id, no regex or path, bad secretGroup, empty allowlist, ...)
     */
    public static SecretRuleSet loadGitleaksConfig(Path file) {
        return GitleaksConfigLoader.load(file, builtIn());
    }

    public Optional<SecretRule> rule(String id) {
        return rules.stream().filter(rule -> rule.isNamed(id)).findFirst();
    }
}
