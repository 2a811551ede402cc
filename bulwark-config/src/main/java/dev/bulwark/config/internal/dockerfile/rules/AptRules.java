package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.config.internal.shell.ShellCommand;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules on Debian/Ubuntu package installs with apt-get, apt and aptitude. */
final class AptRules {

    static final Set<String> APT_VALUE_FLAGS = Set.of("-o", "--option", "-t", "--target-release", "-c",
            "--config-file", "-a", "--host-architecture");
    private static final Set<String> INSTALL = Set.of("install");

    private AptRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(pinVersions(), cleanLists(), assumeYes(), noRecommends(), aptCommand(), distUpgrade());
    }

    static boolean isAptGet(ShellCommand command) {
        return command.name().equals("apt-get");
    }

    static boolean isAptFamily(ShellCommand command) {
        String name = command.name();
        return name.equals("apt-get") || name.equals("apt") || name.equals("aptitude");
    }

    static String subcommand(ShellCommand command) {
        return Commands.subcommand(command, APT_VALUE_FLAGS);
    }

    private static DockerfileRule pinVersions() {
        return rule("BW-DS-030", Severity.MEDIUM, "apt-get install without pinned versions", "DL3008")
                .why("Unpinned packages install whatever the mirror has on build day, so two builds of the same "
                        + "Dockerfile differ and a bad update lands unnoticed.")
                .fix("Pin each package: apt-get install -y curl=7.88.1-10+deb12u5")
                .check(context -> Commands.forEach(context, AptRules::isAptGet, (command) -> {
                    List<String> unpinned = new ArrayList<>();
                    for (String pkg : Commands.argsAfter(command, INSTALL, APT_VALUE_FLAGS)) {
                        if (!pkg.contains("=") && !pkg.endsWith(".deb") && !pkg.contains("/")) {
                            unpinned.add(pkg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static DockerfileRule cleanLists() {
        return rule("BW-DS-031", Severity.LOW, "apt package lists are left in the image", "DL3009")
                .why("/var/lib/apt/lists holds tens of megabytes of index files that the running container never "
                        + "needs; once committed in a layer, removing them later does not shrink the image.")
                .fix("End the same RUN with && rm -rf /var/lib/apt/lists/* (or use a cache mount for the lists).")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    Set<Stage> shipped = shippedStages(context);
                    for (Run run : context.runs()) {
                        boolean triggered = run.instruction() != run.run();
                        if (!triggered && !shipped.contains(run.stage()) || Commands.mountsCacheAt(run, "/var/lib/apt/lists")
                                || Commands.mountsCacheAt(run, "/var/lib/apt")
                                && Commands.mountsCacheAt(run, "/var/cache/apt")) {
                            continue;
                        }
                        List<ShellCommand> commands = Commands.of(run);
                        for (int i = 0; i < commands.size(); i++) {
                            ShellCommand command = commands.get(i);
                            String sub = isAptFamily(command) ? subcommand(command) : "";
                            if ((sub.equals("update") || sub.equals("install"))
                                    && !Commands.followedBy(commands, i,
                                    c -> Commands.removes(c, "/var/lib/apt/lists"))) {
                                violations.add(context.at(run.instruction(),
                                        "apt lists are not removed after '" + command.name() + " " + sub + "'"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    /** The final stage and the stages it is built {@code FROM}, whose layers end up in the image. */
    static Set<Stage> shippedStages(DockerfileContext context) {
        Set<Stage> shipped = new HashSet<>();
        Stage current = context.finalStage();
        while (current != null && shipped.add(current)) {
            current = UserRules.parentStage(context, current);
        }
        return shipped;
    }

    private static DockerfileRule assumeYes() {
        return rule("BW-DS-032", Severity.HIGH, "apt-get install without -y", "DL3014", "DS-0021")
                .why("Without -y apt-get waits for a confirmation that never comes in a build and aborts.")
                .fix("Use apt-get install -y ...")
                .check(context -> Commands.forEach(context, AptRules::isAptGet, command -> {
                    if (!subcommand(command).equals("install") || assumesYes(command)) {
                        return null;
                    }
                    return "'" + command.text() + "' does not pass -y";
                }));
    }

    private static boolean assumesYes(ShellCommand command) {
        if (command.hasFlag("-y", "--yes", "--assume-yes")) {
            return true;
        }
        int quiet = 0;
        for (String arg : command.args()) {
            if (arg.equals("-q=2") || arg.equals("--quiet=2")) {
                return true;
            }
            if (arg.equals("--quiet")) {
                quiet++;
            } else if (arg.matches("-[a-zA-Z]+") && arg.indexOf('q') > 0) {
                quiet += (int) arg.chars().filter(c -> c == 'q').count();
            }
        }
        return quiet >= 2;
    }

    private static DockerfileRule noRecommends() {
        return rule("BW-DS-033", Severity.LOW, "apt-get install without --no-install-recommends", "DL3015",
                "DS-0029")
                .why("Recommended packages are optional extras; they enlarge the image and its attack surface.")
                .fix("Use apt-get install -y --no-install-recommends ...")
                .check(context -> Commands.forEach(context, AptRules::isAptGet, command -> {
                    if (!subcommand(command).equals("install") || command.hasFlag("--no-install-recommends")
                            || command.args().stream().anyMatch(a -> a.equals("APT::Install-Recommends=false")
                            || a.equals("APT::Install-Recommends=0"))) {
                        return null;
                    }
                    return "'" + command.text() + "' installs recommended packages";
                }));
    }

    private static DockerfileRule aptCommand() {
        return rule("BW-DS-034", Severity.LOW, "RUN uses apt instead of apt-get", "DL3027", "CKV_DOCKER_9")
                .why("apt is meant for people: its interface and output are not stable for scripts and it warns so.")
                .fix("Use apt-get (or apt-cache) in Dockerfiles.")
                .check(context -> Commands.forEach(context, c -> c.name().equals("apt"),
                        command -> "'" + command.text() + "' uses apt"));
    }

    private static DockerfileRule distUpgrade() {
        return rule("BW-DS-035", Severity.HIGH, "RUN upgrades the whole distribution", "DS-0024", "DL3005")
                .why("apt-get dist-upgrade can change or remove packages the base image relies on and makes the "
                        + "result depend on the build day; update the base image instead.")
                .fix("Use a newer base image tag, or upgrade only the packages you need.")
                .alsoOnHistory()
                .check(context -> Commands.forEach(context, AptRules::isAptFamily, command -> {
                    String sub = subcommand(command);
                    return sub.equals("dist-upgrade") || sub.equals("full-upgrade")
                            ? "'" + command.text() + "' upgrades the distribution" : null;
                }));
    }
}
