package dev.bulwark.scan;

import java.nio.file.Path;

/**
 * How a report is rendered, beyond its format.
 *
 * @param listAllPackages list every package, not only those with findings ({@code --list-all-pkgs})
 * @param dependencyTree show which packages pulled in each vulnerable one ({@code --dependency-tree}, table)
 * @param colors colour severities (table on a terminal)
 * @param showSuppressed list suppressed findings ({@code --show-suppressed}, table)
 * @param template the template file for the {@code template} format, or {@code null}
 */
public record ReportOptions(boolean listAllPackages, boolean dependencyTree, boolean colors, boolean showSuppressed,
                            Path template) {

    public static ReportOptions defaults() {
        return new ReportOptions(false, false, false, false, null);
    }
}
