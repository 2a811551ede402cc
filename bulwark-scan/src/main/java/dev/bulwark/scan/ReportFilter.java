package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FixStatus;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report shows: severities ({@code --severity}), vulnerabilities without a fix ({@code --ignore-unfixed}) or
 * with a status ({@code --ignore-status}), package kinds ({@code --pkg-types os,library}), and user suppressions
 * (ignore file, VEX), which move findings to each result's {@link Result#suppressed()} list.
 *
 * @param severities severities to keep
 * @param ignoreUnfixed drop vulnerabilities that have no fixed version
 * @param ignoreStatuses drop vulnerabilities with these statuses
 * @param osPackages keep OS packages and their vulnerabilities
 * @param libraryPackages keep language packages and their vulnerabilities
 * @param suppressions the ignore file and VEX statements
 */
public record ReportFilter(Set<Severity> severities, boolean ignoreUnfixed, Set<FixStatus> ignoreStatuses,
                           boolean osPackages, boolean libraryPackages, Suppressions suppressions) {

    public ReportFilter {
        severities = severities.isEmpty() ? EnumSet.allOf(Severity.class) : EnumSet.copyOf(severities);
        ignoreStatuses = ignoreStatuses.isEmpty() ? EnumSet.noneOf(FixStatus.class) : EnumSet.copyOf(ignoreStatuses);
        Objects.requireNonNull(suppressions, "suppressions is null");
    }

    /** Shows everything. */
    public static ReportFilter none() {
        return new ReportFilter(EnumSet.allOf(Severity.class), false, Set.of(), true, true, Suppressions.none());
    }

    public Report apply(Report report) {
        List<Result> results = new ArrayList<>();
        for (Result r : report.results()) {
            boolean packagesKept = switch (r.kind()) {
                case OS_PACKAGES -> osPackages;
                case LANGUAGE_PACKAGES -> libraryPackages;
                case IMAGE_CONFIG, CONFIG, SECRET -> true;
            };
            if (!packagesKept) {
                continue;
            }
            List<Suppressed> suppressed = new ArrayList<>(r.suppressed());
            List<VulnerabilityFinding> vulns = keep(r.vulnerabilities(), suppressed);
            List<SecretFinding> secrets = keep(r.secrets(), suppressed);
            List<Misconfiguration> misconfigs = keep(r.misconfigurations(), suppressed);
            Result kept = r.withFindings(vulns, secrets, misconfigs, suppressed);
            if (!kept.isEmpty()) {
                results.add(kept); // a file whose every finding was filtered out is no target any more
            }
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        suppressions.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        return report.withResults(results, warnings);
    }

    private <F extends Finding> List<F> keep(List<F> findings, List<Suppressed> suppressed) {
        List<F> kept = new ArrayList<>();
        for (F finding : findings) {
            if (!shown(finding)) {
                continue;
            }
            Optional<Suppressed> s = suppressions.suppress(finding);
            if (s.isPresent()) {
                suppressed.add(s.get());
            } else {
                kept.add(finding);
            }
        }
        return kept;
    }

    private boolean shown(Finding finding) {
        if (!severities.contains(finding.severity())) {
            return false;
        }
        if (finding instanceof VulnerabilityFinding v) {
            if (ignoreUnfixed && !v.hasFix()) {
                return false;
            }
            return !ignoreStatuses.contains(v.status());
        }
        return true;
    }
}
