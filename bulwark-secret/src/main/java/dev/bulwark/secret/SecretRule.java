package dev.bulwark.secret;

import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One secret-detection rule: what to look for (regex, keywords), how sure a match must be (entropy, plausibility
 * check, allowlists) and how it is reported (id, title, category, severity, tags).
 *
 * <p>The model is gitleaks' rule model plus what a report needs (category, severity), so that built-in rules and
 * rules loaded from a gitleaks TOML config run through one engine. Regexes are {@link java.util.regex} patterns;
 * rules loaded from gitleaks configs were translated from RE2 syntax (see {@link SecretRuleSet#loadGitleaksConfig}).
 *
 * @param id stable identifier, e.g. {@code github-pat}; users suppress and disable rules by it
 * @param title one line saying what was found
 * @param category the rule family, e.g. {@code AWS}, {@code GitHub}, {@code PrivateKey}, {@code Generic}
 * @param severity the severity of a finding (documentation examples are lowered to {@link Severity#LOW})
 * @param keywords lowercase words of which at least one must occur (case-insensitively) for the rule to run; empty
 *     means the rule always runs
 * @param regex the pattern, or {@code null} for a rule that matches paths only
 * @param secretGroup the capture group holding the secret; 0 means the group named {@code secret}, else the first
 *     non-empty group, else the whole match
 * @param minEntropy the Shannon entropy (bits per character) the secret must exceed; 0 disables the check
 * @param path a pattern the file path must match (found anywhere in the path), or {@code null} for any path
 * @param allowlists when a candidate is not reported
 * @param tags extra labels copied into findings
 * @param scope which part of a file the regex runs on
 * @param contextLines for {@link Scope#LINES} and {@link Scope#ANCHORED}: how many lines after the keyword's line
 *     a match may reach
 * @param check an extra plausibility check implemented in code
 * @param examples secrets matching this pattern are known documentation examples: reported with severity
 *     {@link Severity#LOW} and the tag {@code example}; {@code null} for none
 * @param required other rules that must also match in the same file (gitleaks composite rules)
 * @param skipReport true for rules that only serve as {@code required} parts and are never reported alone
 * @param origin where the rule comes from
 * @param aliases other ids that name this rule, e.g. gitleaks' id for a built-in rule; used by {@code disabledRules}
 */
public record SecretRule(
        String id,
        String title,
        String category,
        Severity severity,
        List<String> keywords,
        Pattern regex,
        int secretGroup,
        double minEntropy,
        Pattern path,
        List<SecretAllowlist> allowlists,
        List<String> tags,
        Scope scope,
        int contextLines,
        Check check,
        Pattern examples,
        List<Required> required,
        boolean skipReport,
        Origin origin,
        List<String> aliases) {

    /** Which part of a file a rule's regex runs on. */
    public enum Scope {
        /** The whole file (gitleaks' semantics; the default for user rules). */
        FILE,
        /** Each line holding a keyword, plus {@code contextLines} following lines. */
        LINES,
        /**
         * The match starts where a keyword starts (token prefixes such as {@code ghp_}, identifiers such as
         * {@code heroku}) and may reach {@code contextLines} lines further: one short match attempt per keyword
         * occurrence instead of a search through the line.
         */
        AT_KEYWORD,
        /**
         * Like {@code LINES}, but the match must start at the identifier (letters, digits, {@code _.-}) that holds
         * the keyword, which makes assignment-style rules cost one short match attempt per keyword.
         */
        ANCHORED
    }

    /** Plausibility checks that need code rather than a regex. */
    public enum Check {
        NONE,
        /**
         * An assignment {@code name = value}: the name must denote a secret (not an id, name, url, public key, ...)
         * and the value must look random (not a word, path, version, host name, variable reference or
         * placeholder). Needs the named groups {@code name} and {@code secret}.
         */
        ASSIGNMENT,
        /** Like {@code ASSIGNMENT} for passwords, which are shorter and less random than keys. */
        PASSWORD_ASSIGNMENT,
        /**
         * Credentials: with a group named {@code user}, the {@code secret} group is the password, which must not be
         * a placeholder, a variable reference or the user name; without it, the secret is a {@code user:password}
         * pair of which at least one side must look real.
         */
        CREDENTIALS,
        /**
         * An HTTP {@code Authorization}-style header value: with scheme {@code Basic} (group {@code scheme}) it
         * must be base64 of {@code user:password}; otherwise it must not be a placeholder or reference.
         */
        AUTH_HEADER
    }

    /** Where a rule comes from. */
    public enum Origin { BUILT_IN, USER }

    /**
     * A rule that must also match near a finding of a composite rule.
     *
     * @param ruleId the other rule
     * @param withinLines the largest line distance, or {@code null} for anywhere in the file
     * @param withinColumns the largest column distance, or {@code null}
     */
    public record Required(String ruleId, Integer withinLines, Integer withinColumns) {
        public Required {
            Objects.requireNonNull(ruleId, "ruleId is null");
        }
    }

    public SecretRule {
        Objects.requireNonNull(id, "id is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("rule id is blank");
        }
        title = title == null || title.isBlank() ? id : title;
        category = category == null || category.isBlank() ? "Custom" : category;
        Objects.requireNonNull(severity, "severity is null");
        keywords = keywords.stream().map(word -> word.toLowerCase(Locale.ROOT)).distinct().toList();
        if (regex == null && path == null) {
            throw new IllegalArgumentException("rule " + id + " has neither a regex nor a path");
        }
        if (regex != null && secretGroup > regex.matcher("").groupCount()) {
            throw new IllegalArgumentException("rule " + id + ": secretGroup " + secretGroup + " is larger than the "
                    + regex.matcher("").groupCount() + " groups of its regex");
        }
        if (secretGroup < 0 || minEntropy < 0 || contextLines < 0) {
            throw new IllegalArgumentException("rule " + id + ": secretGroup, entropy and contextLines must be >= 0");
        }
        allowlists = List.copyOf(allowlists);
        tags = List.copyOf(tags);
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(check, "check is null");
        required = List.copyOf(required);
        Objects.requireNonNull(origin, "origin is null");
        aliases = List.copyOf(aliases);
        if (check != Check.NONE && regex != null
                && !(regex.namedGroups().containsKey("secret"))) {
            throw new IllegalArgumentException("rule " + id + ": check " + check + " needs a group named 'secret'");
        }
    }

    /** True for a rule that reports files by path alone, without reading them. */
    public boolean pathOnly() {
        return regex == null;
    }

    /** True when {@code id} is this rule's id or one of its aliases. */
    public boolean isNamed(String name) {
        return id.equals(name) || aliases.contains(name);
    }
}
