package dev.bulwark.cli;

import dev.bulwark.core.FixStatus;
import dev.bulwark.core.Severity;
import dev.bulwark.core.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What a scanning command reports and when it fails: filters beyond {@code --severity}, the {@code --fail-on} gate,
 * suppressions (ignore file, VEX) and table extras. Shared by {@code image}, {@code rootfs}, {@code fs},
 * {@code sbom} and {@code convert}.
 */
final class FindingOptions {

    /** The ignore file looked for in the working directory when {@code --ignorefile} is not given. */
    static final List<String> DEFAULT_IGNORE_FILES = List.of(".bulwarkignore.yaml", ".bulwarkignore.yml");

    @Option(names = "--fail-on", paramLabel = "SEVERITY", order = 14,
            description = "With --exit-code: fail only on findings of this severity or above (default: any).")
    Severity failOn;

    @Option(names = "--ignore-unfixed", order = 15, description = "Do not report vulnerabilities without a fix.")
    boolean ignoreUnfixed;

    @Option(names = "--ignore-status", split = ",", paramLabel = "STATUS", order = 16,
            description = "Do not report vulnerabilities with these statuses: fixed, affected, will_not_fix, "
                    + "fix_deferred, end_of_life, under_investigation, not_affected, unknown.")
    List<String> ignoreStatus = new ArrayList<>();

    @Option(names = "--pkg-types", split = ",", paramLabel = "TYPE", order = 17,
            description = "Package kinds to report: os, library (default: both).")
    List<String> pkgTypes = new ArrayList<>();

    @Option(names = "--ignorefile", paramLabel = "FILE", order = 18,
            description = "Ignore file (default: .bulwarkignore.yaml in the working directory when present).")
    Path ignoreFile;

    @Option(names = "--vex", paramLabel = "FILE", order = 19,
            description = "OpenVEX or CycloneDX VEX document; not_affected and fixed statements suppress findings "
                    + "(repeatable).")
    List<Path> vex = new ArrayList<>();

    @Option(names = "--show-suppressed", order = 22, description = "List suppressed findings and why (table).")
    boolean showSuppressed;

    @Option(names = "--dependency-tree", order = 23,
            description = "Show which packages pull in each vulnerable package (table).")
    boolean dependencyTree;

    @Option(names = "--template", paramLabel = "FILE", order = 24,
            description = "Pebble template for --format template.")
    Path template;

    /** The statuses of {@code --ignore-status}, validated. */
    Set<FixStatus> ignoredStatuses() {
        Set<FixStatus> out = EnumSet.noneOf(FixStatus.class);
        for (String status : ignoreStatus) {
            try {
                out.add(FixStatus.parse(status));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--ignore-status", e.getMessage());
            }
        }
        return out;
    }

    /** Whether OS packages ({@code os}) and language packages ({@code library}) are reported. */
    boolean[] packageKinds() {
        if (pkgTypes.isEmpty()) {
            return new boolean[] {true, true};
        }
        boolean os = false;
        boolean library = false;
        for (String type : pkgTypes) {
            switch (type.trim().toLowerCase(Locale.ROOT)) {
                case "os" -> os = true;
                case "library" -> library = true;
                default -> throw new UsageException("--pkg-types", "unknown package type '" + type
                        + "' (expected os, library)");
            }
        }
        return new boolean[] {os, library};
    }
}
