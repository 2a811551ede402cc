package dev.bulwark.config.internal.check;

import dev.bulwark.config.CheckDescriptor;
import java.util.Collection;
import java.util.List;

/**
 * Which checks run: everything except those named by {@code --skip-checks} (by id or any alias), optionally
 * restricted to the checks carrying a compliance tag.
 *
 * @param skipped ids or aliases to skip
 * @param requiredTags run only checks with one of these tags, or all checks when empty
 */
public record CheckFilter(List<String> skipped, java.util.Set<String> requiredTags) {

    public CheckFilter {
        skipped = List.copyOf(skipped);
        requiredTags = java.util.Set.copyOf(requiredTags);
    }

    public static CheckFilter all() {
        return new CheckFilter(List.of(), java.util.Set.of());
    }

    public boolean enabled(CheckDescriptor check) {
        if (!requiredTags.isEmpty() && check.tags().stream().noneMatch(requiredTags::contains)) {
            return false;
        }
        return !isNamedByAny(check, skipped);
    }

    /** True when any of {@code names} names {@code check}. */
    public static boolean isNamedByAny(CheckDescriptor check, Collection<String> names) {
        for (String name : names) {
            if (check.isNamed(name)) {
                return true;
            }
        }
        return false;
    }
}
