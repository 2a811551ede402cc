package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rules on {@code FROM}: base image tags, platforms, stage names, instruction order. */
final class BaseImageRules {

    private BaseImageRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(latestTag(), untagged(), platformFlag(), duplicateAlias(), reservedAlias(), mustStartWithFrom());
    }

    /** The parts of an image reference: {@code registry/repo:tag@digest}. */
    record ImageRef(String name, String tag, String digest) {
        static ImageRef parse(String reference) {
            String digest = "";
            int at = reference.indexOf('@');
            String rest = reference;
            if (at >= 0) {
                digest = reference.substring(at + 1);
                rest = reference.substring(0, at);
            }
            int slash = rest.lastIndexOf('/');
            int colon = rest.lastIndexOf(':');
            if (colon > slash) {
                return new ImageRef(rest.substring(0, colon), rest.substring(colon + 1), digest);
            }
            return new ImageRef(rest, "", digest);
        }
    }

    static boolean isExternal(Stage stage, List<Stage> stages) {
        String image = stage.image();
        if (image.isEmpty() || image.equalsIgnoreCase("scratch") || image.contains("$")) {
            return false;
        }
        String lower = image.toLowerCase(Locale.ROOT);
        for (Stage earlier : stages) {
            if (earlier.index() >= stage.index()) {
                break;
            }
            if (!earlier.alias().isEmpty() && earlier.alias().equals(lower)) {
                return false;
            }
        }
        return true;
    }

    private static DockerfileRule latestTag() {
        return rule("BW-DS-001", Severity.MEDIUM, "Base image uses the 'latest' tag", "DL3007", "DS-0001",
                "CKV_DOCKER_7")
                .why("'latest' moves: the same Dockerfile builds a different image tomorrow, which breaks "
                        + "reproducibility and can pull in breaking or vulnerable changes unnoticed.")
                .fix("Pin the base image to a version tag, ideally with a digest: FROM alpine:3.20@sha256:...")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        if (!isExternal(stage, context.stages())) {
                            continue;
                        }
                        ImageRef ref = ImageRef.parse(context.expandGlobal(stage.image()));
                        if (ref.tag().equals("latest") && ref.digest().isEmpty()) {
                            violations.add(context.at(stage.from(),
                                    "base image '" + stage.image() + "' uses the 'latest' tag"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule untagged() {
        return rule("BW-DS-002", Severity.MEDIUM, "Base image has no tag or digest", "DL3006", "DS-0001",
                "CKV_DOCKER_7")
                .why("An untagged image means 'latest', with the same reproducibility problem; the intended version "
                        + "is not written down anywhere.")
                .fix("Name the version explicitly: FROM debian:12-slim (or pin a digest).")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        if (!isExternal(stage, context.stages())) {
                            continue;
                        }
                        ImageRef ref = ImageRef.parse(stage.image());
                        if (ref.tag().isEmpty() && ref.digest().isEmpty()) {
                            violations.add(context.at(stage.from(),
                                    "base image '" + stage.image() + "' has no tag or digest"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule platformFlag() {
        return rule("BW-DS-003", Severity.LOW, "FROM pins a platform", "DL3029")
                .why("A hard-coded --platform makes multi-platform builds produce the wrong architecture; only the "
                        + "build-time variables $BUILDPLATFORM and $TARGETPLATFORM are portable.")
                .fix("Remove --platform, or use --platform=$BUILDPLATFORM for build stages.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        String platform = stage.from().flag("platform");
                        if (platform != null && !platform.contains("BUILDPLATFORM")
                                && !platform.contains("TARGETPLATFORM")) {
                            violations.add(context.at(stage.from(), "FROM uses --platform=" + platform));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule duplicateAlias() {
        return rule("BW-DS-004", Severity.HIGH, "Stage names are not unique", "DL3024", "DS-0012", "CKV_DOCKER_11")
                .why("With two stages of the same name, COPY --from and FROM pick one silently; the other is dead "
                        + "code or, worse, the wrong one is used.")
                .fix("Give every stage a distinct name after AS.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (Stage stage : context.stages()) {
                        if (!stage.alias().isEmpty() && !seen.add(stage.alias())) {
                            violations.add(context.at(stage.from(), "stage name '" + stage.alias()
                                    + "' is already used by an earlier stage"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule reservedAlias() {
        return rule("BW-DS-005", Severity.HIGH, "Stage is named 'scratch' or 'context'", "DL3063")
                .why("'scratch' and 'context' have special meanings in FROM and COPY --from; a stage with that name "
                        + "is ambiguous.")
                .fix("Rename the stage.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        if (stage.alias().equals("scratch") || stage.alias().equals("context")) {
                            violations.add(context.at(stage.from(), "stage is named '" + stage.alias() + "'"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule mustStartWithFrom() {
        return rule("BW-DS-006", Severity.HIGH, "Dockerfile does not start with FROM or ARG", "DL3061")
                .why("Only ARG (and parser directives and comments) may precede the first FROM; anything else is an "
                        + "error at build time.")
                .fix("Move the instruction after FROM.")
                .check(context -> {
                    for (Instruction instruction : context.instructions()) {
                        if (instruction.is("FROM")) {
                            return List.of();
                        }
                        if (!instruction.is("ARG")) {
                            return List.of(context.at(instruction, instruction.keyword()
                                    + " comes before the first FROM"));
                        }
                    }
                    return List.of();
                });
    }
}
