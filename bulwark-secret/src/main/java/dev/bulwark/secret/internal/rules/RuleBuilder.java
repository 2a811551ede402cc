package dev.bulwark.secret.internal.rules;

import dev.bulwark.core.Severity;
import dev.bulwark.secret.SecretAllowlist;
import dev.bulwark.secret.SecretRule;
import dev.bulwark.secret.internal.Re2Syntax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small DSL for writing built-in rules: {@link #token} for credentials with a distinctive prefix,
 * {@link #assignment} for credentials recognisable only by the name they are assigned to, {@link #pattern} for the
 * rest. Every rule gets its keywords, a secret group and (for assignments) one line of context.
 */
final class RuleBuilder {

    /** A token must not continue a word on either side. */
    static final String BEFORE = "(?<![A-Za-z0-9_.])";
    static final String AFTER = "(?![A-Za-z0-9_])";
    /** An identifier starts after a non-letter or at a camelCase boundary ({@code myOktaToken}). */
    static final String IDENT_START = "(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))";
    /** Rest of the identifier, an optional type word ({@code var x string =}), closing quotes. */
    static final String IDENT_REST = "[\\w.-]{0,25}?(?:[ \\t]{1,3}[A-Za-z]\\w{0,15})?[\\s\"'`\\\\]{0,4}";
    /** Assignment operators of config formats and languages, a call's parenthesis, a CSV comma, an XML '>'. */
    static final String OPERATOR = "(?:[:?+.]?=|:{2,3}=|=>|:|,|>|\\(|\\|\\|)";
    /**
     * Opening quotes; or a YAML block indicator ({@code |}, {@code >}) or an XML element end followed by the value
     * on the next, indented line. A bare line break ends an empty value ({@code KEY=} then another line).
     */
    static final String VALUE_PREFIX = "[ \\t\"'`\\\\]{0,5}(?:[|>][-+]?[ \\t]*)?(?:\\r?\\n[ \\t]+)?[\"'`]?";

    private final String id;
    private final String category;
    private final Severity severity;
    private final String title;
    private final String regex;
    private final List<String> keywords;
    private int secretGroup;
    private double entropy;
    private SecretRule.Scope scope = SecretRule.Scope.LINES;
    private int contextLines;
    private SecretRule.Check check = SecretRule.Check.NONE;
    private final List<SecretAllowlist> allowlists = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private Pattern examples;
    private Pattern path;

    private RuleBuilder(String id, String category, Severity severity, String title, String regex,
            String... keywords) {
        this.id = id;
        this.category = category;
        this.severity = severity;
        this.title = title;
        this.regex = regex;
        this.keywords = Arrays.asList(keywords);
    }

    /** A credential with a distinctive shape ({@code ghp_…}); {@code body} is the whole token. */
    static RuleBuilder token(String id, String category, Severity severity, String title, String body,
            String... keywords) {
        return new RuleBuilder(id, category, severity, title, BEFORE + "(" + body + ")" + AFTER, keywords)
                .group(1).atKeyword();
    }

    /**
     * A credential recognised by the identifier it is assigned to: {@code name} is matched case-insensitively at an
     * identifier boundary, {@code value} is the secret (case-sensitive); the value may be on the next line (YAML
     * block scalars, XML elements).
     */
    static RuleBuilder assignment(String id, String category, Severity severity, String title, String name,
            String value, String... keywords) {
        String regex = IDENT_START + "(?i:" + name + ")" + IDENT_REST + OPERATOR + VALUE_PREFIX + "(" + value + ")"
                + "(?![A-Za-z0-9])";
        return new RuleBuilder(id, category, severity, title, regex, keywords).group(1).context(1).atKeyword();
    }

    /** Any other regex; the secret is group 1, or the group named {@code secret}, or the whole match. */
    static RuleBuilder pattern(String id, String category, Severity severity, String title, String regex,
            String... keywords) {
        return new RuleBuilder(id, category, severity, title, regex, keywords);
    }

    /** A rule that reports a file by its path alone. */
    static RuleBuilder path(String id, String category, Severity severity, String title, String pathRegex) {
        RuleBuilder builder = new RuleBuilder(id, category, severity, title, null);
        builder.path = Pattern.compile(pathRegex, Re2Syntax.FLAGS);
        return builder;
    }

    RuleBuilder group(int group) {
        this.secretGroup = group;
        return this;
    }

    RuleBuilder entropy(double minEntropy) {
        this.entropy = minEntropy;
        return this;
    }

    RuleBuilder context(int lines) {
        this.contextLines = lines;
        return this;
    }

    /** The match starts where one of the keywords starts. */
    RuleBuilder atKeyword() {
        this.scope = SecretRule.Scope.AT_KEYWORD;
        return this;
    }

    /** The keyword is somewhere inside the match: search the keyword's line(s). */
    RuleBuilder lines() {
        this.scope = SecretRule.Scope.LINES;
        return this;
    }

    RuleBuilder anchored() {
        this.scope = SecretRule.Scope.ANCHORED;
        return this;
    }

    RuleBuilder check(SecretRule.Check value) {
        this.check = value;
        return this;
    }

    /** Secrets matching any of these patterns are not reported. */
    RuleBuilder allow(String... secretRegexes) {
        allowlists.add(SecretAllowlist.ofRegexes("built-in", SecretAllowlist.Target.SECRET,
                Arrays.stream(secretRegexes).map(r -> Pattern.compile(r, Re2Syntax.FLAGS)).toArray(Pattern[]::new)));
        return this;
    }

    /** Secrets matching this pattern are vendor documentation examples. */
    RuleBuilder examples(String secretRegex) {
        this.examples = Pattern.compile(secretRegex, Re2Syntax.FLAGS);
        return this;
    }

    RuleBuilder tags(String... values) {
        tags.addAll(Arrays.asList(values));
        return this;
    }

    /** Other ids (gitleaks') that name the same rule, so {@code disabledRules} written for gitleaks work. */
    RuleBuilder alias(String... ids) {
        aliases.addAll(Arrays.asList(ids));
        return this;
    }

    SecretRule build() {
        Pattern compiled = regex == null ? null : Pattern.compile(regex, Re2Syntax.FLAGS);
        int group = secretGroup;
        if (compiled != null && compiled.namedGroups().containsKey("secret")) {
            group = 0;
        }
        return new SecretRule(id, title, category, severity, keywords, compiled, group, entropy, path, allowlists,
                tags, scope, contextLines, check, examples, List.of(), false, SecretRule.Origin.BUILT_IN, aliases);
    }
}
