package dev.bulwark.scan.suppress;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.scan.Suppressed;
import java.util.List;
import java.util.Locale;

/** One statement that may suppress findings: an ignore-file entry or a VEX statement. */
public sealed interface Rule permits IgnoreEntry, VexStatement {

    /** The suppression record when this rule applies to {@code finding}, else {@code null}. */
    Suppressed apply(Finding finding);

    /** True when {@code id} is the finding's id or one of its aliases (case-insensitive). */
    static boolean namesFinding(String id, Finding finding) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        if (finding.id().toUpperCase(Locale.ROOT).equals(wanted)) {
            return true;
        }
        List<String> aliases = switch (finding) {
            case VulnerabilityFinding v -> v.aliases();
            case Misconfiguration m -> m.aliases();
            case SecretFinding s -> List.of();
        };
        return aliases.stream().anyMatch(a -> a.toUpperCase(Locale.ROOT).equals(wanted));
    }

    /**
     * Whether purl {@code wanted} names package purl {@code actual}: equal ignoring qualifiers and subpath, and
     * ignoring the version when {@code wanted} has none.
     */
    static boolean purlMatches(String wanted, String actual) {
        if (wanted == null || actual == null) {
            return false;
        }
        String w = Purls.base(wanted);
        String a = Purls.base(actual);
        if (w.equals(a)) {
            return true;
        }
        return !w.contains("@") && Purls.withoutVersion(a).equals(w);
    }
}
