package dev.bulwark.secret.internal;

import dev.bulwark.secret.SecretAllowlist;
import dev.bulwark.secret.SecretRule;
import dev.bulwark.secret.SecretRuleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a rule set over one file's bytes: keyword prefilter, regex in the windows the keywords point at, secret
 * extraction, plausibility, entropy and allowlists, composite rules, and removal of generic matches that a specific
 * rule already explains. Immutable after construction and safe to share between threads; all per-scan state lives
 * on the stack.
 */
public final class RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    /** Documentation examples published by vendors, reported with the {@code example} tag. */
    private static final Set<String> KNOWN_EXAMPLES = Set.of(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");

    private static final int IDENTIFIER_BACKTRACK = 100;

    private final SecretRule[] rules;
    private final SecretRule[] pathOnlyRules;
    private final KeywordIndex keywords;
    private final int[][] rulesByKeyword;
    private final int[] keywordLengths;
    private final int[] alwaysRun;
    private final List<SecretAllowlist> globalAllowlists;
    private final Map<String, Integer> indexById = new HashMap<>();

    public RuleEngine(SecretRuleSet ruleSet) {
        this.rules = ruleSet.rules().toArray(SecretRule[]::new);
        this.pathOnlyRules = ruleSet.rules().stream().filter(SecretRule::pathOnly).toArray(SecretRule[]::new);
        this.globalAllowlists = ruleSet.allowlists();
        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            indexById.put(rules[r].id(), r);
            if (rules[r].regex() == null) {
                continue;
            }
            if (rules[r].keywords().isEmpty()) {
                always.add(r);
            }
            for (String keyword : rules[r].keywords()) {
                byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(r);
            }
        }
        List<String> words = new ArrayList<>(byKeyword.keySet());
        this.keywords = new KeywordIndex(words);
        this.rulesByKeyword = new int[words.size()][];
        this.keywordLengths = new int[words.size()];
        for (int k = 0; k < words.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(words.get(k)).stream().mapToInt(Integer::intValue).toArray();
            keywordLengths[k] = words.get(k).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        this.alwaysRun = always.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A secret found in a file: offsets are byte offsets into the scanned content. */
    public record Match(SecretRule rule, int matchStart, int matchEnd, int secretStart, int secretEnd, String secret,
            String match, boolean example) {
    }

    /** True when the global allowlists exclude this path outright (no need to read the file). */
    public boolean pathAllowed(String normalizedPath) {
        for (SecretAllowlist allowlist : globalAllowlists) {
            if (allowlist.targetRules().isEmpty() && allowlist.pathOnly() && allowlist.pathAllowed(normalizedPath)) {
                return true;
            }
        }
        return false;
    }

    /** Path-only rules that match this path. */
    public List<SecretRule> pathRules(String normalizedPath) {
        List<SecretRule> matched = new ArrayList<>();
        for (SecretRule rule : pathOnlyRules) {
            if (!rule.skipReport() && rule.path().matcher(normalizedPath).find()
                    && !ruleSkipsPath(rule, normalizedPath)) {
                matched.add(rule);
            }
        }
        return matched;
    }

    /** True when some rule looks at content (otherwise files never need to be read). */
    public boolean hasContentRules() {
        for (SecretRule rule : rules) {
            if (!rule.pathOnly()) {
                return true;
            }
        }
        return false;
    }

    public boolean hasPathRules() {
        for (SecretRule rule : rules) {
            if (rule.pathOnly()) {
                return true;
            }
        }
        return false;
    }

    /** Finds the secrets in {@code bytes[0, length)}; {@code path} (normalized) feeds path conditions and logs. */
    public List<Match> scan(String path, byte[] bytes, int length) {
        int[][] hits = new int[rules.length][];
        int[] hitCounts = new int[rules.length];
        keywords.scan(bytes, length, (keyword, end) -> {
            for (int r : rulesByKeyword[keyword]) {
                int[] list = hits[r];
                if (list == null) {
                    list = new int[8];
                    hits[r] = list;
                } else if (hitCounts[r] == list.length) {
                    list = Arrays.copyOf(list, list.length * 2);
                    hits[r] = list;
                }
                // Encode the keyword's start so anchored rules can find the identifier around it.
                list[hitCounts[r]++] = end - keywordLengths[keyword];
            }
        });
        for (int r : alwaysRun) {
            hitCounts[r] = -1;
        }
        boolean any = false;
        for (int count : hitCounts) {
            if (count != 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return List.of();
        }
        LineIndex lines = new LineIndex(bytes, length);
        BoundedText text = new BoundedText(bytes, length, 64L * length + 4_000_000L);
        Map<Integer, List<Match>> byRule = new LinkedHashMap<>();
        for (int r = 0; r < rules.length; r++) {
            if (hitCounts[r] == 0) {
                continue;
            }
            SecretRule rule = rules[r];
            if (rule.path() != null && !rule.path().matcher(path).find() || ruleSkipsPath(rule, path)) {
                continue;
            }
            text.resetBudget();
            if (hitCounts[r] > 1) {
                Arrays.sort(hits[r], 0, hitCounts[r]);
            }
            try {
                List<Match> found = runRule(rule, path, text, lines, hits[r], Math.max(0, hitCounts[r]));
                if (!found.isEmpty()) {
                    byRule.put(r, found);
                }
            } catch (BoundedText.BudgetExceeded | StackOverflowError e) {
                // A user regex that backtracks catastrophically (or recurses too deep) on this input.
                LOG.warn("secret rule {} gave up on {}: its regex needs too much backtracking on this file",
                        rule.id(), path);
            }
        }
        return finish(byRule, lines);
    }

    private boolean ruleSkipsPath(SecretRule rule, String path) {
        for (SecretAllowlist allowlist : rule.allowlists()) {
            if (allowlist.pathOnly() && allowlist.pathAllowed(path)) {
                return true;
            }
        }
        for (SecretAllowlist allowlist : globalAllowlists) {
            if (allowlist.pathOnly() && allowlist.targetRules().stream().anyMatch(rule::isNamed)
                    && allowlist.pathAllowed(path)) {
                return true;
            }
        }
        return false;
    }

    private List<Match> runRule(SecretRule rule, String path, BoundedText text, LineIndex lines, int[] hitStarts,
            int hitCount) {
        List<Match> found = new ArrayList<>();
        Matcher matcher = rule.regex().matcher(text);
        matcher.useTransparentBounds(true);
        switch (rule.scope()) {
            case FILE -> {
                matcher.region(0, text.length());
                while (matcher.find()) {
                    accept(rule, path, text, lines, matcher, found);
                }
            }
            case LINES -> {
                int windowStart = -1;
                int windowEnd = -1;
                for (int h = 0; h < hitCount; h++) {
                    int line = lines.lineOf(hitStarts[h]);
                    int start = lines.lineStart(line);
                    int end = lines.lineEndInclusive(Math.min(lines.lines() - 1, line + rule.contextLines()));
                    if (start <= windowEnd) {
                        windowEnd = Math.max(windowEnd, end);
                        continue;
                    }
                    if (windowStart >= 0) {
                        findIn(rule, path, text, lines, matcher, windowStart, windowEnd, found);
                    }
                    windowStart = start;
                    windowEnd = end;
                }
                if (windowStart >= 0) {
                    findIn(rule, path, text, lines, matcher, windowStart, windowEnd, found);
                }
            }
            case AT_KEYWORD -> {
                int lastMatchEnd = -1;
                int lastStart = -1;
                for (int h = 0; h < hitCount; h++) {
                    int start = hitStarts[h];
                    if (start == lastStart || start < lastMatchEnd) {
                        continue;
                    }
                    lastStart = start;
                    int line = lines.lineOf(start);
                    int end = lines.lineEndInclusive(Math.min(lines.lines() - 1, line + rule.contextLines()));
                    matcher.region(start, end);
                    if (matcher.lookingAt()) {
                        accept(rule, path, text, lines, matcher, found);
                        lastMatchEnd = matcher.end();
                    }
                }
            }
            case ANCHORED -> {
                int lastStart = -1;
                int lastMatchEnd = -1;
                for (int h = 0; h < hitCount; h++) {
                    int start = identifierStart(text, hitStarts[h]);
                    if (start == lastStart || start < lastMatchEnd) {
                        continue;
                    }
                    lastStart = start;
                    int line = lines.lineOf(hitStarts[h]);
                    int end = lines.lineEndInclusive(Math.min(lines.lines() - 1, line + rule.contextLines()));
                    matcher.region(start, end);
                    if (matcher.lookingAt()) {
                        accept(rule, path, text, lines, matcher, found);
                        lastMatchEnd = matcher.end();
                    }
                }
            }
        }
        return found;
    }

    private void findIn(SecretRule rule, String path, BoundedText text, LineIndex lines, Matcher matcher, int start,
            int end, List<Match> found) {
        matcher.region(start, end);
        while (matcher.find()) {
            accept(rule, path, text, lines, matcher, found);
        }
    }

    /** Start of the identifier (letters, digits, {@code _ . -}) that contains the keyword starting at {@code at}. */
    private static int identifierStart(BoundedText text, int at) {
        int start = at;
        int limit = Math.max(0, at - IDENTIFIER_BACKTRACK);
        while (start > limit) {
            char c = text.charAt(start - 1);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
                start--;
            } else {
                break;
            }
        }
        return start;
    }

    private void accept(SecretRule rule, String path, BoundedText text, LineIndex lines, Matcher matcher,
            List<Match> found) {
        int group = secretGroup(rule, matcher);
        int secretStart = matcher.start(group);
        int secretEnd = matcher.end(group);
        if (secretStart < 0 || secretEnd <= secretStart) {
            return;
        }
        // Trailing newlines belong to the context, not the secret.
        while (secretEnd > secretStart && (text.charAt(secretEnd - 1) == '\n' || text.charAt(secretEnd - 1) == '\r')) {
            secretEnd--;
        }
        String secret = text.slice(secretStart, secretEnd);
        if (secret.isBlank()) {
            return;
        }
        if (rule.minEntropy() > 0 && Entropy.shannon(secret) <= rule.minEntropy()) {
            return;
        }
        boolean builtIn = rule.origin() == SecretRule.Origin.BUILT_IN;
        if (builtIn && Plausibility.isPlaceholder(secret) && !isExample(rule, secret)) {
            return;
        }
        if (!passesCheck(rule, matcher, secret)) {
            return;
        }
        String match = text.slice(matcher.start(), matcher.end());
        int firstLine = lines.lineOf(matcher.start());
        int lastLine = lines.lineOf(Math.max(matcher.start(), matcher.end() - 1));
        String line = text.slice(lines.lineStart(firstLine), lines.lineContentEnd(lastLine));
        if (line.contains("gitleaks:allow")) {
            return;
        }
        for (SecretAllowlist allowlist : globalAllowlists) {
            if ((allowlist.targetRules().isEmpty() || allowlist.targetRules().stream().anyMatch(rule::isNamed))
                    && !allowlist.pathOnly() && allowlist.allows(path, secret, match, line)) {
                return;
            }
        }
        for (SecretAllowlist allowlist : rule.allowlists()) {
            if (!allowlist.pathOnly() && allowlist.allows(path, secret, match, line)) {
                return;
            }
        }
        found.add(new Match(rule, matcher.start(), matcher.end(), secretStart, secretEnd, secret, match,
                isExample(rule, secret)));
    }

    private static int secretGroup(SecretRule rule, Matcher matcher) {
        if (rule.secretGroup() > 0) {
            return rule.secretGroup();
        }
        Integer named = rule.regex().namedGroups().get("secret");
        if (named != null) {
            return named;
        }
        for (int g = 1; g <= matcher.groupCount(); g++) {
            if (matcher.start(g) >= 0 && matcher.end(g) > matcher.start(g)) {
                return g;
            }
        }
        return 0;
    }

    private static boolean passesCheck(SecretRule rule, Matcher matcher, String secret) {
        return switch (rule.check()) {
            case NONE -> true;
            case ASSIGNMENT -> Plausibility.namesSecret(groupOrEmpty(rule, matcher, "name"), false)
                    && Plausibility.valueLooksSecret(secret, false);
            case PASSWORD_ASSIGNMENT -> Plausibility.namesSecret(groupOrEmpty(rule, matcher, "name"), true)
                    && Plausibility.valueLooksSecret(secret, true);
            case CREDENTIALS -> rule.regex().namedGroups().containsKey("user")
                    ? Plausibility.passwordLooksReal(secret, groupOrEmpty(rule, matcher, "user"))
                    : Plausibility.credentialsLookReal(secret);
            case AUTH_HEADER -> Plausibility.headerValueLooksReal(groupOrEmpty(rule, matcher, "scheme"), secret);
        };
    }

    private static String groupOrEmpty(SecretRule rule, Matcher matcher, String name) {
        Integer group = rule.regex().namedGroups().get(name);
        if (group == null || matcher.start(group) < 0) {
            return "";
        }
        return matcher.group(group);
    }

    private static boolean isExample(SecretRule rule, String secret) {
        return KNOWN_EXAMPLES.contains(secret) || rule.examples() != null && rule.examples().matcher(secret).find();
    }

    /** Composite rules, skip-report rules, and generic matches that a specific rule explains. */
    private List<Match> finish(Map<Integer, List<Match>> byRule, LineIndex lines) {
        List<Match> all = new ArrayList<>();
        for (Map.Entry<Integer, List<Match>> entry : byRule.entrySet()) {
            SecretRule rule = rules[entry.getKey()];
            if (rule.skipReport()) {
                continue;
            }
            for (Match match : entry.getValue()) {
                if (requiredSatisfied(rule, match, byRule, lines)) {
                    all.add(match);
                }
            }
        }
        all.sort(Comparator.comparingInt(Match::matchStart).thenComparing(m -> m.rule().id()));
        List<Match> kept = new ArrayList<>(all.size());
        for (Match match : all) {
            if (isGeneric(match.rule()) && explainedBySpecific(match, all)) {
                continue;
            }
            kept.add(match);
        }
        return kept;
    }

    private boolean requiredSatisfied(SecretRule rule, Match match, Map<Integer, List<Match>> byRule,
            LineIndex lines) {
        for (SecretRule.Required required : rule.required()) {
            Integer index = indexById.get(required.ruleId());
            List<Match> others = index == null ? null : byRule.get(index);
            if (others == null) {
                return false;
            }
            boolean near = false;
            for (Match other : others) {
                int lineA = lines.lineOf(match.matchStart());
                int lineB = lines.lineOf(other.matchStart());
                boolean linesOk = required.withinLines() == null || Math.abs(lineA - lineB) <= required.withinLines();
                int columnA = match.matchStart() - lines.lineStart(lineA);
                int columnB = other.matchStart() - lines.lineStart(lineB);
                boolean columnsOk = required.withinColumns() == null
                        || Math.abs(columnA - columnB) <= required.withinColumns();
                if (linesOk && columnsOk) {
                    near = true;
                    break;
                }
            }
            if (!near) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGeneric(SecretRule rule) {
        return rule.origin() == SecretRule.Origin.BUILT_IN && rule.category().equals("Generic");
    }

    private static boolean explainedBySpecific(Match generic, List<Match> all) {
        for (Match other : all) {
            if (other != generic && !isGeneric(other.rule()) && other.secretStart() < generic.secretEnd()
                    && generic.secretStart() < other.secretEnd()) {
                return true;
            }
        }
        return false;
    }
}
