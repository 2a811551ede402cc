package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.config.internal.shell.ShellCommand;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;

/** Rules on the user the container runs as and on privilege tools. */
final class UserRules {

    private UserRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(lastUserRoot(), noUser(), sudo(), useraddWithoutNoLogInit());
    }

    /** True when a {@code USER} value means root: {@code root}, {@code 0}, optionally with {@code :group}. */
    static boolean isRoot(String user) {
        String name = user.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("root") || name.equals("0");
    }

    /**
     * The last {@code USER} in effect at the end of {@code stage}, following {@code FROM <earlier stage>}
     * inheritance; {@code null} when no {@code USER} is set anywhere along the chain.
     */
    static Instruction effectiveUser(DockerfileContext context, Stage stage) {
        Stage current = stage;
        while (current != null) {
            List<Instruction> users = current.instructions().stream().filter(i -> i.is("USER")).toList();
            if (!users.isEmpty()) {
                return users.getLast();
            }
            current = parentStage(context, current);
        }
        return null;
    }

    /** The earlier stage {@code stage} is built {@code FROM}, or {@code null}. */
    static Stage parentStage(DockerfileContext context, Stage stage) {
        for (Stage candidate : context.stages()) {
            if (candidate.index() >= stage.index()) {
                return null;
            }
            if (!candidate.alias().isEmpty() && candidate.alias().equalsIgnoreCase(stage.image())) {
                return candidate;
            }
        }
        return null;
    }

    private static DockerfileRule lastUserRoot() {
        return rule("BW-DS-010", Severity.HIGH, "Image runs as root", "DL3002", "DS-0002", "CKV_DOCKER_8")
                .why("A process running as root in the container is root on the host's kernel; any container escape "
                        + "or writable host mount becomes a host compromise.")
                .fix("Add a non-root user and end the final stage with USER <name or uid>.")
                .check(context -> {
                    Instruction user = effectiveUser(context, context.finalStage());
                    if (user != null && isRoot(String.join(" ", user.words()))) {
                        return List.of(context.at(user, "the final stage runs as '" + String.join(" ", user.words())
                                + "'"));
                    }
                    return List.of();
                });
    }

    private static DockerfileRule noUser() {
        return rule("BW-DS-011", Severity.MEDIUM, "Image sets no USER, so it runs as root", "CKV_DOCKER_3",
                "DS-0002")
                .why("Without a USER instruction the image runs as root unless every deployment overrides it.")
                .fix("Create an unprivileged user (RUN useradd -r app) and add USER app to the final stage.")
                .check(context -> {
                    Stage last = context.finalStage();
                    if (effectiveUser(context, last) == null && !last.isImplicit()
                            && !last.image().equalsIgnoreCase("scratch")) {
                        return List.of(context.at(last.from(), "no USER instruction in the final stage"));
                    }
                    return List.of();
                });
    }

    private static DockerfileRule sudo() {
        return rule("BW-DS-012", Severity.HIGH, "RUN uses sudo", "DL3004", "DS-0010")
                .why("sudo has unpredictable TTY and signal behaviour in containers and usually hides that the build "
                        + "runs as root anyway; shipping sudo lets any process regain root.")
                .fix("Run the step as root (USER root ... USER app) or use gosu for privilege drops at runtime.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (command.name().equals("sudo")) {
                                violations.add(context.at(run.instruction(), "'" + command.text() + "' uses sudo"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule useraddWithoutNoLogInit() {
        return rule("BW-DS-013", Severity.MEDIUM, "useradd with a large UID lacks -l", "DL3046")
                .why("useradd writes a sparse /var/log/faillog and lastlog entry sized by the UID; for a large UID "
                        + "that can fill the layer with gigabytes of zeros unless -l (--no-log-init) is given.")
                .fix("Use useradd -l -u <uid> ...")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (!command.name().equals("useradd") || command.hasFlag("-l", "--no-log-init")) {
                                continue;
                            }
                            String uid = flagValue(command, "-u", "--uid");
                            if (uid != null && uid.length() > 5) {
                                violations.add(context.at(run.instruction(), "useradd -u " + uid + " without -l"));
                            }
                        }
                    }
                    return violations;
                });
    }

    /** The value of a flag given as {@code -u 5}, {@code --uid 5} or {@code --uid=5}. */
    static String flagValue(ShellCommand command, String shortFlag, String longFlag) {
        List<String> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals(shortFlag) || arg.equals(longFlag)) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith(longFlag + "=")) {
                return arg.substring(longFlag.length() + 1);
            }
        }
        return null;
    }
}
