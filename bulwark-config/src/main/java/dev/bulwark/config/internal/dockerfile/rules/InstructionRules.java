package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.EnvPairs;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules on WORKDIR, EXPOSE, MAINTAINER, CMD/ENTRYPOINT, HEALTHCHECK, ENV, LABEL and ONBUILD. */
final class InstructionRules {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[a-zA-Z]:[\\\\/]?.*");
    private static final Pattern PORT = Pattern.compile("^(\\d+)(?:-(\\d+))?(?:/\\w+)?$");
    private static final Pattern LABEL_KEY = Pattern.compile("^[a-zA-Z]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private InstructionRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(relativeWorkdir(), portRange(), sshPort(), maintainer(), multiple("CMD", "BW-DS-074",
                        "DL4003", "DS-0016"), multiple("ENTRYPOINT", "BW-DS-075", "DL4004", "DS-0007"),
                multiple("HEALTHCHECK", "BW-DS-076", "DL3012", "DS-0023"), noHealthcheck(), shellForm(),
                envSelfReference(), labelKey(), onbuildTriggers());
    }

    private static DockerfileRule relativeWorkdir() {
        return rule("BW-DS-070", Severity.HIGH, "WORKDIR is a relative path", "DL3000", "DS-0009", "CKV_DOCKER_10")
                .why("A relative WORKDIR resolves against the previous one, which depends on the base image; an "
                        + "absolute path is explicit.")
                .fix("Use an absolute path: WORKDIR /app")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("WORKDIR")) {
                        String path = String.join(" ", instruction.words());
                        if (!path.isEmpty() && !path.startsWith("/") && !path.startsWith("$")
                                && !WINDOWS_ABSOLUTE.matcher(path).matches()) {
                            violations.add(context.at(instruction, "WORKDIR '" + path + "' is relative"));
                        }
                    }
                    return violations;
                });
    }

    /** The port numbers an {@code EXPOSE} names; {@code -1} for a variable. */
    static List<Integer> ports(Instruction expose) {
        List<Integer> ports = new ArrayList<>();
        for (String word : expose.words()) {
            Matcher matcher = PORT.matcher(word);
            if (matcher.matches()) {
                ports.add(parse(matcher.group(1)));
                if (matcher.group(2) != null) {
                    ports.add(parse(matcher.group(2)));
                }
            }
        }
        return ports;
    }

    private static int parse(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static DockerfileRule portRange() {
        return rule("BW-DS-071", Severity.HIGH, "EXPOSE names a port outside 0-65535", "DL3011", "DS-0008")
                .why("Ports above 65535 do not exist; the EXPOSE is a typo.")
                .fix("Use a valid port number.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("EXPOSE")) {
                        for (int port : ports(instruction)) {
                            if (port > 65535) {
                                violations.add(context.at(instruction, "port " + port + " is out of range"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule sshPort() {
        return rule("BW-DS-072", Severity.MEDIUM, "Image exposes SSH port 22", "DS-0004", "CKV_DOCKER_1")
                .why("An SSH daemon in a container is an extra, usually unpatched remote entry point; use "
                        + "kubectl exec / docker exec instead.")
                .fix("Remove EXPOSE 22 and the SSH server.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("EXPOSE")) {
                        for (String word : instruction.words()) {
                            Matcher matcher = PORT.matcher(word);
                            if (matcher.matches() && covers(matcher, 22)) {
                                violations.add(context.at(instruction, "port 22 (SSH) is exposed"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static boolean covers(Matcher port, int wanted) {
        int low = parse(port.group(1));
        int high = port.group(2) == null ? low : parse(port.group(2));
        return low <= wanted && wanted <= high;
    }

    private static DockerfileRule maintainer() {
        return rule("BW-DS-073", Severity.LOW, "MAINTAINER is deprecated", "DL4000", "DS-0022", "CKV_DOCKER_6")
                .why("MAINTAINER is deprecated; a LABEL is visible to tooling (docker inspect, OCI annotations).")
                .fix("Use LABEL org.opencontainers.image.authors=\"name <email>\"")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("MAINTAINER")) {
                        violations.add(context.at(instruction, "MAINTAINER is deprecated"));
                    }
                    return violations;
                });
    }

    private static DockerfileRule multiple(String keyword, String id, String hadolint, String trivy) {
        return rule(id, Severity.MEDIUM, "Several " + keyword + " instructions in one stage", hadolint, trivy)
                .why("Only the last " + keyword + " of a stage takes effect; the others are misleading dead code.")
                .fix("Keep one " + keyword + " per stage.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        List<Instruction> found = stage.instructions().stream().filter(i -> i.is(keyword)).toList();
                        for (int i = 1; i < found.size(); i++) {
                            violations.add(context.at(found.get(i), keyword + " overrides the one on line "
                                    + found.get(i - 1).startLine()));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule noHealthcheck() {
        return rule("BW-DS-077", Severity.LOW, "Image defines no HEALTHCHECK", "DS-0026", "CKV_DOCKER_2", "DL3057")
                .why("Without a HEALTHCHECK, Docker and Swarm only know whether the process exists, not whether it "
                        + "serves; hung containers stay in rotation. (Kubernetes uses probes instead.)")
                .fix("Add HEALTHCHECK CMD <a command that fails when the service is unhealthy>.")
                .check(context -> {
                    Stage stage = context.finalStage();
                    Stage current = stage;
                    while (current != null) {
                        if (current.instructions().stream().anyMatch(i -> i.is("HEALTHCHECK"))) {
                            return List.of();
                        }
                        current = UserRules.parentStage(context, current);
                    }
                    if (stage.isImplicit() && stage.instructions().isEmpty()) {
                        return List.of();
                    }
                    return List.of(new Violation(stage.from().startLine(), stage.from().startLine(),
                            context.resource(stage), "no HEALTHCHECK in the final stage"));
                });
    }

    private static DockerfileRule shellForm() {
        return rule("BW-DS-078", Severity.MEDIUM, "CMD or ENTRYPOINT uses the shell form", "DL3025")
                .why("In the shell form the process runs under /bin/sh -c, which does not forward signals: the "
                        + "container ignores SIGTERM and is killed after the grace period.")
                .fix("Use the JSON form: CMD [\"executable\", \"arg\"]")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.instructions()) {
                        if ((instruction.is("CMD") || instruction.is("ENTRYPOINT")) && !instruction.isJson()
                                && !instruction.rest().isBlank()) {
                            violations.add(context.at(instruction, instruction.keyword() + " uses the shell form"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule envSelfReference() {
        return rule("BW-DS-079", Severity.HIGH, "ENV refers to a variable set in the same instruction", "DL3044")
                .why("Variables of one ENV instruction are not visible to each other; the reference expands to the "
                        + "old (often empty) value.")
                .fix("Split the ENV into two instructions.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("ENV")) {
                        Set<String> defined = new HashSet<>();
                        for (String word : instruction.words()) {
                            int equals = word.indexOf('=');
                            if (equals <= 0) {
                                continue;
                            }
                            String name = word.substring(0, equals);
                            Matcher matcher = VARIABLE.matcher(word.substring(equals + 1));
                            while (matcher.find()) {
                                if (defined.contains(matcher.group(1))) {
                                    violations.add(context.at(instruction, "$" + matcher.group(1)
                                            + " is defined in the same ENV"));
                                    return violations;
                                }
                            }
                            defined.add(name);
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule labelKey() {
        return rule("BW-DS-080", Severity.LOW, "LABEL key is invalid or uses a reserved namespace", "DL3048")
                .why("Label keys should be reverse-DNS names of letters, digits, dots and dashes; com.docker.*, "
                        + "io.docker.* and org.dockerproject.* are reserved for Docker.")
                .fix("Rename the label, e.g. org.example.team")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("LABEL")) {
                        for (Map.Entry<String, String> pair : EnvPairs.of(instruction).entrySet()) {
                            String key = pair.getKey();
                            if (!LABEL_KEY.matcher(key).matches() || key.contains("..") || key.contains("--")
                                    || key.startsWith("com.docker.") || key.startsWith("io.docker.")
                                    || key.startsWith("org.dockerproject.")) {
                                violations.add(context.at(instruction, "label key '" + key + "' is not valid"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule onbuildTriggers() {
        return rule("BW-DS-081", Severity.HIGH, "ONBUILD triggers ONBUILD, FROM or MAINTAINER", "DL3043")
                .why("Chaining ONBUILD, or triggering FROM or MAINTAINER, is not allowed and fails the child build.")
                .fix("Remove the trigger.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("ONBUILD")) {
                        Instruction inner = instruction.inner();
                        if (inner != null && (inner.is("ONBUILD") || inner.is("FROM") || inner.is("MAINTAINER"))) {
                            violations.add(context.at(instruction, "ONBUILD " + inner.keyword() + " is not allowed"));
                        }
                    }
                    return violations;
                });
    }
}
