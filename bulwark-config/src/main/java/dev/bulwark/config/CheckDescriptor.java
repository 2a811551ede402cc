package dev.bulwark.config;

import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one check enforces and why, independent of any input: the data behind {@code --skip-checks}, the
 * documentation and every {@link dev.bulwark.core.Misconfiguration} the check reports.
 *
 * @param id Bulwark's id, e.g. {@code BW-DS-002}
 * @param aliases equivalent ids of other tools (hadolint {@code DL3002}, Trivy {@code DS-0002}, checkov
 *     {@code CKV_DOCKER_8}, ...), accepted wherever an id is
 * @param title what the check enforces, one line
 * @param severity how bad a failure is
 * @param target the input the check reads
 * @param rationale why it matters
 * @param resolution how to fix a failure
 * @param references URLs explaining the rationale
 * @param tags groups the check belongs to, e.g. {@code pss-baseline}, {@code rbac}
 */
public record CheckDescriptor(
        String id,
        List<String> aliases,
        String title,
        Severity severity,
        FileType target,
        String rationale,
        String resolution,
        List<String> references,
        Set<String> tags) {

    public CheckDescriptor {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(target, "target is null");
        aliases = List.copyOf(aliases);
        title = title == null ? "" : title;
        rationale = rationale == null ? "" : rationale;
        resolution = resolution == null ? "" : resolution;
        references = List.copyOf(references);
        tags = Set.copyOf(tags);
    }

    /** True when {@code idOrAlias} names this check (case-insensitive, Trivy's {@code DS002} = {@code DS-0002}). */
    public boolean isNamed(String idOrAlias) {
        String wanted = normalize(idOrAlias);
        if (normalize(id).equals(wanted)) {
            return true;
        }
        for (String alias : aliases) {
            if (normalize(alias).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Upper case without separators, and Trivy's zero padding removed: {@code ksv-0017} and {@code KSV017} agree. */
    static String normalize(String id) {
        String upper = id.trim().toUpperCase(java.util.Locale.ROOT);
        var matcher = TRIVY_ID.matcher(upper);
        if (matcher.matches()) {
            return matcher.group(1) + Integer.parseInt(matcher.group(2));
        }
        return upper;
    }

    private static final java.util.regex.Pattern TRIVY_ID =
            java.util.regex.Pattern.compile("(?:AVD-)?(DS|KSV|KCV)-?0*(\\d+)");
}
