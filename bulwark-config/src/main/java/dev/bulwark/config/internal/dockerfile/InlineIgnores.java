package dev.bulwark.config.internal.dockerfile;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.check.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ignore pragmas in Dockerfile comments, which silence checks for the next instruction. Bulwark's own form and the
 * forms of hadolint and Trivy are understood, so existing annotations keep working:
 * <pre>
 * # bulwark:ignore=BW-DS-030,BW-DS-031
 * # hadolint ignore=DL3008
 * # trivy:ignore:DS002
 * </pre>
 * Ids are matched against a check's id and aliases.
 */
final class InlineIgnores {

    private static final Pattern BULWARK = Pattern.compile("(?i)^bulwark[: ]ignore[=:]\\s*([\\w\\-, ]+)$");
    private static final Pattern HADOLINT = Pattern.compile("(?i)^hadolint\\s+ignore=\\s*([\\w\\-, ]+)$");
    private static final Pattern TRIVY = Pattern.compile("(?i)^trivy:ignore:([\\w\\-]+)$");

    private final Map<Integer, List<String>> byInstructionLine = new HashMap<>();

    InlineIgnores(Dockerfile dockerfile) {
        for (Comment comment : dockerfile.comments()) {
            List<String> ids = parse(comment.text());
            if (ids.isEmpty()) {
                continue;
            }
            for (Instruction instruction : dockerfile.instructions()) {
                if (instruction.startLine() > comment.line()) {
                    byInstructionLine.computeIfAbsent(instruction.startLine(), k -> new ArrayList<>()).addAll(ids);
                    break;
                }
            }
        }
    }

    static List<String> parse(String comment) {
        for (Pattern pattern : List.of(BULWARK, HADOLINT, TRIVY)) {
            Matcher matcher = pattern.matcher(comment.strip());
            if (matcher.matches()) {
                List<String> ids = new ArrayList<>();
                for (String id : matcher.group(1).split("[,\\s]+")) {
                    if (!id.isBlank()) {
                        ids.add(id.strip());
                    }
                }
                return ids;
            }
        }
        return List.of();
    }

    /** The violations of {@code check} that no pragma silences. */
    List<Violation> remaining(CheckDescriptor check, List<Violation> violations) {
        if (byInstructionLine.isEmpty()) {
            return violations;
        }
        List<Violation> kept = new ArrayList<>();
        for (Violation violation : violations) {
            List<String> ids = byInstructionLine.get(violation.startLine());
            if (ids == null || !CheckFilter.isNamedByAny(check, ids)) {
                kept.add(violation);
            }
        }
        return kept;
    }
}
