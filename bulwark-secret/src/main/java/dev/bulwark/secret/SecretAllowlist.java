package dev.bulwark.secret;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Conditions under which a candidate secret is not reported, in the shape gitleaks uses for {@code [[allowlists]]}
 * so that user configs keep their meaning: paths, regexes (matched against the secret, the whole match or the
 * line) and stop words (substrings of the secret, case-insensitive).
 *
 * <p>With {@link Condition#OR} (the default) any one check allows the candidate; with {@link Condition#AND} every
 * check that is present must hold.
 *
 * @param description why the allowlist exists, for humans
 * @param condition how the checks combine
 * @param paths path patterns (relative to the image root or scanned directory, without a leading {@code /})
 * @param regexes patterns matched with {@code find()} against {@code regexTarget}
 * @param regexTarget what {@code regexes} are matched against
 * @param stopWords lowercase substrings; a secret containing one is allowed
 * @param targetRules for global allowlists only: the rule ids it applies to (empty means every rule)
 */
public record SecretAllowlist(
        String description,
        Condition condition,
        List<Pattern> paths,
        List<Pattern> regexes,
        Target regexTarget,
        List<String> stopWords,
        List<String> targetRules) {

    /** How the checks of one allowlist combine. */
    public enum Condition { OR, AND }

    /** What {@code regexes} are matched against. */
    public enum Target { SECRET, MATCH, LINE }

    public SecretAllowlist {
        description = description == null ? "" : description;
        Objects.requireNonNull(condition, "condition is null");
        paths = List.copyOf(paths);
        regexes = List.copyOf(regexes);
        Objects.requireNonNull(regexTarget, "regexTarget is null");
        stopWords = stopWords.stream().map(word -> word.toLowerCase(java.util.Locale.ROOT)).toList();
        targetRules = List.copyOf(targetRules);
        if (paths.isEmpty() && regexes.isEmpty() && stopWords.isEmpty()) {
            throw new IllegalArgumentException("an allowlist needs at least one path, regex or stop word");
        }
    }

    /** An allowlist of secret patterns (OR), the common case for built-in rules. */
    public static SecretAllowlist ofRegexes(String description, Target target, Pattern... regexes) {
        return new SecretAllowlist(description, Condition.OR, List.of(), List.of(regexes), target, List.of(),
                List.of());
    }

    /** True when only paths are checked, so the whole file can be skipped before reading it. */
    public boolean pathOnly() {
        return regexes.isEmpty() && stopWords.isEmpty() && !paths.isEmpty();
    }

    /** True when {@code path} matches one of the path patterns. */
    public boolean pathAllowed(String path) {
        for (Pattern pattern : paths) {
            if (pattern.matcher(path).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a candidate is allowed.
     *
     * @param path the file path (no leading {@code /})
     * @param secret the secret
     * @param match the whole regex match
     * @param line the line the match starts on
     */
    public boolean allows(String path, String secret, String match, String line) {
        String target = switch (regexTarget) {
            case SECRET -> secret;
            case MATCH -> match;
            case LINE -> line;
        };
        boolean regexAllowed = false;
        for (Pattern pattern : regexes) {
            if (pattern.matcher(target).find()) {
                regexAllowed = true;
                break;
            }
        }
        boolean stopWordAllowed = false;
        if (!stopWords.isEmpty()) {
            String lower = secret.toLowerCase(java.util.Locale.ROOT);
            for (String word : stopWords) {
                if (lower.contains(word)) {
                    stopWordAllowed = true;
                    break;
                }
            }
        }
        return switch (condition) {
            case OR -> regexAllowed || stopWordAllowed || (!paths.isEmpty() && pathAllowed(path));
            case AND -> (paths.isEmpty() || pathAllowed(path))
                    && (regexes.isEmpty() || regexAllowed)
                    && (stopWords.isEmpty() || stopWordAllowed);
        };
    }
}
