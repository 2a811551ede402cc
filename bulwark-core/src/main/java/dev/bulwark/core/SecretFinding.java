package dev.bulwark.core;

import java.util.List;
import java.util.Objects;

/**
 * A secret found in a file or in the image config. The secret itself is never stored here: only a redacted form, so
 * that no report or log can leak it.
 *
 * @param ruleId the rule that matched, e.g. {@code aws-access-key-id}
 * @param category the rule family, e.g. {@code AWS}, {@code GitHub}, {@code PrivateKey}
 * @param title the rule's title
 * @param severity the rule's severity (lowered for known documentation examples)
 * @param location the file (and layer) or the config target
 * @param startLine first line of the match, 1-based (0 when not line-oriented)
 * @param endLine last line of the match
 * @param redactedMatch the match with the secret masked, e.g. {@code AKIA************MPLE}
 * @param redactedLine the line the match is on with the secret masked, for context
 * @param inFinalImage false when a later layer deleted or hid the file, so it is only in the image's history
 * @param tags extra labels, e.g. {@code example} for documentation keys
 */
public record SecretFinding(
        String ruleId,
        String category,
        String title,
        Severity severity,
        Location location,
        int startLine,
        int endLine,
        String redactedMatch,
        String redactedLine,
        boolean inFinalImage,
        List<String> tags) implements Finding {

    public SecretFinding {
        Objects.requireNonNull(ruleId, "ruleId is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(location, "location is null");
        tags = List.copyOf(tags);
    }

    @Override
    public String id() {
        return ruleId;
    }
}
