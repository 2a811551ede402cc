package dev.bulwark.scan.suppress;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.scan.Suppressed;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of {@code .bulwarkignore.yaml}.
 *
 * @param id the finding id or alias (CVE, GHSA, secret rule, check id)
 * @param kind {@code vulnerability}, {@code secret}, {@code misconfiguration}, or {@code null} for any
 * @param pkg the package name it is limited to, or {@code null}
 * @param purl the package URL it is limited to (without version: any version), or {@code null}
 * @param path a glob on the finding's path ({@code /app/**}), or {@code null}
 * @param reason why it is ignored
 * @param expires the first day on which it no longer suppresses, or {@code null}
 * @param origin {@code file:line}, for messages
 */
public record IgnoreEntry(String id, String kind, String pkg, String purl, String path, String reason,
                          LocalDate expires, String origin) implements Rule {

    public IgnoreEntry {
        Objects.requireNonNull(id, "id is null");
        reason = reason == null ? "" : reason;
    }

    /** True when the entry has expired on {@code today}. */
    public boolean expiredOn(LocalDate today) {
        return expires != null && !today.isBefore(expires);
    }

    @Override
    public Suppressed apply(Finding finding) {
        if (!Rule.namesFinding(id, finding) || (kind != null && !kind.equals(kindOf(finding)))) {
            return null;
        }
        if (pkg != null || purl != null) {
            if (!(finding instanceof VulnerabilityFinding v)) {
                return null;
            }
            if (pkg != null && !pkg.equals(v.pkg().name())) {
                return null;
            }
            if (purl != null && !Rule.purlMatches(purl, v.pkg().purl())) {
                return null;
            }
        }
        if (path != null && !pathMatches(path, finding.location().path())) {
            return null;
        }
        return new Suppressed(finding, "ignorefile", "ignored", "", reason, origin);
    }

    private static String kindOf(Finding finding) {
        return switch (finding) {
            case VulnerabilityFinding v -> "vulnerability";
            case SecretFinding s -> "secret";
            case Misconfiguration m -> "misconfiguration";
        };
    }

    static boolean pathMatches(String glob, String path) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        String p = path.startsWith("/") ? path.substring(1) : path;
        int nested = p.indexOf("!/");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + g);
        return matcher.matches(Path.of(p)) || (nested > 0 && matcher.matches(Path.of(p.substring(0, nested))));
    }
}
