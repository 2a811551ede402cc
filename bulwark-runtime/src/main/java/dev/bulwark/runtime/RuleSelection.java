package dev.bulwark.runtime;

import dev.bulwark.core.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which loaded rules run, with Falco's switches: a minimum priority ({@code -o priority=}), rules disabled by name
 * substring ({@code -D}), by tag ({@code -T}), or only the rules with a tag ({@code -t}). Rules with
 * {@code enabled: false} never run. Falco refuses to combine disabling and enabling, and so does this.
 *
 * @param minimumPriority rules less severe than this do not run; {@code null} runs every priority
 */
public record RuleSelection(Priority minimumPriority, List<String> disabledNameSubstrings, Set<String> disabledTags,
                            Set<String> enabledTags) {

    /** Every enabled rule. */
    public static final RuleSelection ALL = new RuleSelection(null, List.of(), Set.of(), Set.of());

    public RuleSelection {
        disabledNameSubstrings = List.copyOf(disabledNameSubstrings);
        disabledTags = Set.copyOf(disabledTags);
        enabledTags = Set.copyOf(enabledTags);
        if (!enabledTags.isEmpty() && (!disabledNameSubstrings.isEmpty() || !disabledTags.isEmpty())) {
            throw new UsageException(null,
                    "You can not specify both disabled (-D/-T) and enabled (-t) rules");
        }
    }

    /** The same selection with a minimum priority. */
    public RuleSelection withMinimumPriority(Priority priority) {
        return new RuleSelection(priority, disabledNameSubstrings, disabledTags, enabledTags);
    }

    /** Whether {@code rule} runs under this selection. */
    public boolean selects(Rule rule) {
        Objects.requireNonNull(rule, "rule is null");
        if (!rule.enabled()) {
            return false;
        }
        if (minimumPriority != null && rule.priority() != null && !rule.priority().atLeast(minimumPriority)) {
            return false;
        }
        for (String substring : disabledNameSubstrings) {
            if (rule.name().contains(substring)) {
                return false;
            }
        }
        for (String tag : rule.tags()) {
            if (disabledTags.contains(tag)) {
                return false;
            }
        }
        if (!enabledTags.isEmpty()) {
            return rule.tags().stream().anyMatch(enabledTags::contains);
        }
        return true;
    }
}
