package dev.bulwark.config.internal.check;

import dev.bulwark.config.CheckDescriptor;
import java.util.Collection;
import java.util.List;

/**
 * Which checks run: everything except those named by {@code --skip-checks} (by id or any alias), optionally
 * restricted to the checks carrying a compliance tag.
 *
 * @param skipped ids or aliases to skip
 * @param requiredTag run only checks with this tag, or {@code null} for all
 */
public record CheckFilter(List<String> skipped, String requiredTag) {

    public CheckFilter {
        skipped = List.copyOf(skipped);
    }

    public static CheckFilter all() {
        return new CheckFilter(List.of(), null);
    }

    public boolean enabled(CheckDescriptor check) {
        if (requiredTag != null && !check.tags().contains(requiredTag)) {
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
