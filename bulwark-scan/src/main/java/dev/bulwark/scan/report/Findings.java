package dev.bulwark.scan.report;

import dev.bulwark.core.Cvss;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;

/** Texts and numbers about findings that several formats share. */
final class Findings {

    private Findings() {
    }

    /** A one-line title for any finding. */
    static String title(Finding finding) {
        return switch (finding) {
            case VulnerabilityFinding v -> !v.title().isEmpty() ? v.title()
                    : v.description().lines().findFirst().orElse(v.id());
            case SecretFinding s -> s.title();
            case Misconfiguration m -> m.title() == null || m.title().isEmpty() ? m.checkId() : m.title();
        };
    }

    /** What is wrong in this instance, one or a few lines. */
    static String message(Finding finding) {
        return switch (finding) {
            case VulnerabilityFinding v -> "Package: " + v.pkg().name() + "\nInstalled Version: " + v.pkg().version()
                    + "\nVulnerability " + v.id() + "\nSeverity: " + v.severity()
                    + "\nFixed Version: " + (v.fixedVersions().isEmpty() ? "none" : String.join(", ", v.fixedVersions()))
                    + "\nStatus: " + v.status().label()
                    + (v.references().isEmpty() ? "" : "\nLink: " + v.references().getFirst());
            case SecretFinding s -> "Secret " + s.title() + " (" + s.ruleId() + ")\nSeverity: " + s.severity()
                    + "\nMatch: " + s.redactedMatch()
                    + (s.inFinalImage() ? "" : "\nThe file is deleted by a later layer, but remains in the image's "
                    + "layer history.");
            case Misconfiguration m -> (m.message() == null || m.message().isEmpty() ? title(m) : m.message())
                    + "\nSeverity: " + m.severity()
                    + (m.resolution() == null || m.resolution().isEmpty() ? "" : "\nResolution: " + m.resolution());
        };
    }

    /** A numeric severity for tools that sort by it (GitHub's {@code security-severity}): the best CVSS score. */
    static double score(Finding finding) {
        if (finding instanceof VulnerabilityFinding v && !v.cvss().isEmpty()) {
            double best = 0;
            for (Cvss c : v.cvss()) {
                best = Math.max(best, c.baseScore());
            }
            if (best > 0 && Severity.ofCvssScore(best) == v.severity()) {
                return best;
            }
        }
        return switch (finding.severity()) {
            case CRITICAL -> 9.5;
            case HIGH -> 8.0;
            case MEDIUM -> 5.5;
            case LOW -> 2.0;
            case UNKNOWN -> 0.0;
        };
    }

    /** The finding's file path without the image root's {@code /} and without the part inside an archive. */
    static String relativePath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int nested = p.indexOf("!/");
        return nested >= 0 ? p.substring(0, nested) : p;
    }
}
