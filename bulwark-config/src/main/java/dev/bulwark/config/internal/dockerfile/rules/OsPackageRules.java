package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.shell.ShellCommand;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Rules on apk, yum, dnf/microdnf and zypper installs, and on package index updates run alone. */
final class OsPackageRules {

    private static final Set<String> APK_VALUE_FLAGS = Set.of("-t", "--virtual", "-X", "--repository", "-p",
            "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file");
    private static final Set<String> YUM_VALUE_FLAGS = Set.of("-c", "--config", "--setopt", "--enablerepo",
            "--disablerepo", "--installroot", "--releasever", "-x", "--exclude");
    private static final Set<String> ZYPPER_VALUE_FLAGS = Set.of("-r", "--repo", "--from", "-t", "--type");
    private static final Set<String> DNF_INSTALLS = Set.of("install", "in", "upgrade", "up", "upgrade-minimal",
            "up-min", "reinstall", "rei", "groupinstall", "localinstall", "update");
    private static final Pattern RPM_VERSION = Pattern.compile(".+-\\d.*|.*:.*|.*\\.rpm$");

    private OsPackageRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(apkPin(), apkNoCache(), yumYes(), yumClean(), yumPin(), dnfYes(), dnfClean(), dnfPin(),
                zypperNonInteractive(), zypperDistUpgrade(), zypperClean(), zypperPin(), updateAlone());
    }

    private static boolean isDnf(ShellCommand command) {
        return command.name().equals("dnf") || command.name().equals("microdnf");
    }

    private static DockerfileRule apkPin() {
        return rule("BW-DS-040", Severity.MEDIUM, "apk add without pinned versions", "DL3018")
                .why("Unpinned apk packages change between builds; pinning makes builds reproducible and updates "
                        + "deliberate.")
                .fix("Pin each package: apk add curl=8.9.1-r2 (or curl~8.9).")
                .check(context -> Commands.forEach(context, c -> c.name().equals("apk"), command -> {
                    List<String> unpinned = new ArrayList<>();
                    for (String pkg : Commands.argsAfter(command, Set.of("add"), APK_VALUE_FLAGS)) {
                        if (!pkg.contains("=") && !pkg.contains("~") && !pkg.endsWith(".apk")) {
                            unpinned.add(pkg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static DockerfileRule apkNoCache() {
        return rule("BW-DS-041", Severity.LOW, "apk add without --no-cache", "DL3019", "DS-0025")
                .why("apk keeps its index in /var/cache/apk; --no-cache fetches it without leaving it in the layer.")
                .fix("Use apk add --no-cache ...")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        if (Commands.mountsCacheAt(run, "/var/cache/apk", "/etc/apk/cache")) {
                            continue;
                        }
                        List<ShellCommand> commands = Commands.of(run);
                        for (int i = 0; i < commands.size(); i++) {
                            ShellCommand command = commands.get(i);
                            if (command.name().equals("apk")
                                    && Commands.subcommand(command, APK_VALUE_FLAGS).equals("add")
                                    && !command.hasFlag("--no-cache")
                                    && !Commands.followedBy(commands, i, c -> Commands.removes(c, "/var/cache/apk"))) {
                                violations.add(context.at(run.instruction(), "'" + command.text()
                                        + "' keeps the apk cache"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule yumYes() {
        return rule("BW-DS-042", Severity.HIGH, "yum install without -y", "DL3030")
                .why("Without -y yum waits for a confirmation that never comes in a build.")
                .fix("Use yum install -y ...")
                .check(context -> Commands.forEach(context, c -> c.name().equals("yum"), command -> {
                    String sub = Commands.subcommand(command, YUM_VALUE_FLAGS);
                    boolean installs = sub.equals("install") || sub.equals("groupinstall")
                            || sub.equals("localinstall") || sub.equals("module") && command.hasArg("install");
                    return installs && !command.hasFlag("-y", "--assumeyes")
                            ? "'" + command.text() + "' does not pass -y" : null;
                }));
    }

    private static DockerfileRule yumClean() {
        return cleanRule("BW-DS-043", "yum", "yum clean all is missing after yum install", "DL3032", "DS-0015",
                c -> c.name().equals("yum") && Commands.subcommand(c, YUM_VALUE_FLAGS).equals("install"),
                (installing, c) -> c.name().equals("yum") && c.hasArgs("clean", "all")
                        || Commands.removes(c, "/var/cache/yum"),
                "/var/cache/yum");
    }

    private static DockerfileRule cleanRule(String id, String tool, String title, String hadolint, String trivy,
                                            Predicate<ShellCommand> install,
                                            BiPredicate<ShellCommand, ShellCommand> clean,
                                            String... cacheDirs) {
        return rule(id, Severity.LOW, title, hadolint, trivy)
                .why("The " + tool + " cache stays in the layer unless it is cleaned in the same RUN; cleaning in a "
                        + "later RUN does not shrink the image.")
                .fix("End the RUN that installs with the cleanup command (e.g. && " + tool + " clean all).")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        if (Commands.mountsCacheAt(run, cacheDirs)) {
                            continue;
                        }
                        List<ShellCommand> commands = Commands.of(run);
                        for (int i = 0; i < commands.size(); i++) {
                            ShellCommand installing = commands.get(i);
                            if (install.test(installing)
                                    && !Commands.followedBy(commands, i, c -> clean.test(installing, c))) {
                                violations.add(context.at(run.instruction(), "'" + commands.get(i).text()
                                        + "' is not followed by a cache cleanup in the same RUN"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule yumPin() {
        return pinRule("BW-DS-044", "yum install without pinned versions", "DL3033", c -> c.name().equals("yum"),
                YUM_VALUE_FLAGS);
    }

    private static DockerfileRule pinRule(String id, String title, String hadolint, Predicate<ShellCommand> tool,
                                          Set<String> valueFlags) {
        return rule(id, Severity.MEDIUM, title, hadolint)
                .why("Unpinned RPM packages change between builds; pinning makes builds reproducible.")
                .fix("Pin each package as name-version (e.g. httpd-2.4.57), or a module as name:stream.")
                .check(context -> Commands.forEach(context, tool, command -> {
                    List<String> packages = Commands.argsAfter(command, Set.of("install", "in"), valueFlags);
                    if (Commands.subcommand(command, valueFlags).equals("module")) {
                        packages = modulePackages(command, valueFlags);
                    } else if (Set.of("group", "groupinstall").contains(Commands.subcommand(command, valueFlags))) {
                        return null;
                    }
                    List<String> unpinned = new ArrayList<>();
                    for (String pkg : packages) {
                        if (!RPM_VERSION.matcher(pkg).matches()) {
                            unpinned.add(pkg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static List<String> modulePackages(ShellCommand command, Set<String> valueFlags) {
        List<String> positional = command.positionalArgs(List.copyOf(valueFlags));
        int install = positional.indexOf("install");
        return install < 0 ? List.of() : positional.subList(install + 1, positional.size());
    }

    private static DockerfileRule dnfYes() {
        return rule("BW-DS-045", Severity.HIGH, "dnf install without -y", "DL3038")
                .why("Without -y dnf waits for a confirmation that never comes in a build.")
                .fix("Use dnf install -y ...")
                .check(context -> Commands.forEach(context, OsPackageRules::isDnf, command -> {
                    String sub = Commands.subcommand(command, YUM_VALUE_FLAGS);
                    boolean installs = sub.equals("install") || sub.equals("in")
                            || sub.equals("module") && command.hasArg("install");
                    return installs && !command.hasFlag("-y", "--assumeyes")
                            ? "'" + command.text() + "' does not pass -y" : null;
                }));
    }

    private static DockerfileRule dnfClean() {
        return cleanRule("BW-DS-046", "dnf", "dnf clean all is missing after dnf install", "DL3040", "DS-0019",
                c -> isDnf(c) && DNF_INSTALLS.contains(Commands.subcommand(c, YUM_VALUE_FLAGS)),
                (installing, c) -> c.name().equals(installing.name()) && c.hasArgs("clean", "all")
                        || Commands.removes(c, "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"),
                "/var/cache/libdnf5", "/var/cache/dnf", "/var/cache/yum");
    }

    private static DockerfileRule dnfPin() {
        return pinRule("BW-DS-047", "dnf install without pinned versions", "DL3041", OsPackageRules::isDnf,
                YUM_VALUE_FLAGS);
    }

    private static DockerfileRule zypperNonInteractive() {
        return rule("BW-DS-048", Severity.HIGH, "zypper install without -n", "DL3034")
                .why("Without --non-interactive zypper waits for input that never comes in a build.")
                .fix("Use zypper -n install ... (or install -y).")
                .check(context -> Commands.forEach(context, c -> c.name().equals("zypper"), command -> {
                    String sub = Commands.subcommand(command, ZYPPER_VALUE_FLAGS);
                    boolean installs = sub.equals("install") || sub.equals("in") || sub.equals("remove")
                            || sub.equals("rm") || sub.equals("source-install") || sub.equals("si")
                            || sub.equals("patch");
                    return installs && !command.hasFlag("-n", "--non-interactive", "-y", "--no-confirm")
                            ? "'" + command.text() + "' is interactive" : null;
                }));
    }

    private static DockerfileRule zypperDistUpgrade() {
        return rule("BW-DS-049", Severity.HIGH, "zypper dist-upgrade upgrades the whole distribution", "DL3035")
                .why("A distribution upgrade in a build changes the base image unpredictably; update the base "
                        + "image instead.")
                .fix("Use a newer base image, or update only the packages you need.")
                .check(context -> Commands.forEach(context, c -> c.name().equals("zypper"), command -> {
                    String sub = Commands.subcommand(command, ZYPPER_VALUE_FLAGS);
                    return sub.equals("dist-upgrade") || sub.equals("dup")
                            ? "'" + command.text() + "' upgrades the distribution" : null;
                }));
    }

    private static DockerfileRule zypperClean() {
        return cleanRule("BW-DS-050", "zypper", "zypper clean is missing after zypper install", "DL3036", "DS-0020",
                c -> c.name().equals("zypper") && Set.of("install", "in")
                        .contains(Commands.subcommand(c, ZYPPER_VALUE_FLAGS)),
                (installing, c) -> c.name().equals("zypper") && (c.hasArg("clean") || c.hasArg("cc"))
                        || Commands.removes(c, "/var/cache/zypp"),
                "/var/cache/zypp");
    }

    private static DockerfileRule zypperPin() {
        return rule("BW-DS-051", Severity.MEDIUM, "zypper install without pinned versions", "DL3037")
                .why("Unpinned packages change between builds; pinning makes builds reproducible.")
                .fix("Pin each package: zypper install -y httpd=2.4.57 (or a range like httpd>=2.4).")
                .check(context -> Commands.forEach(context, c -> c.name().equals("zypper"), command -> {
                    List<String> unpinned = new ArrayList<>();
                    for (String pkg : Commands.argsAfter(command, Set.of("install", "in"), ZYPPER_VALUE_FLAGS)) {
                        if (!pkg.contains("=") && !pkg.contains(">") && !pkg.contains("<") && !pkg.endsWith(".rpm")) {
                            unpinned.add(pkg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static DockerfileRule updateAlone() {
        return rule("BW-DS-036", Severity.HIGH, "Package index update in its own RUN", "DS-0017", "CKV_DOCKER_5")
                .why("A RUN that only updates the package index is cached as a layer; a later RUN that installs then "
                        + "uses a stale index from the cache, so builds install outdated packages or fail.")
                .fix("Update and install in the same RUN: apt-get update && apt-get install -y ...")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        boolean update = false;
                        boolean install = false;
                        String updateText = "";
                        for (ShellCommand command : Commands.of(run)) {
                            String sub = managerSubcommand(command);
                            if (sub.equals("update") || sub.equals("makecache") || sub.equals("refresh")
                                    || sub.equals("ref")) {
                                update = true;
                                updateText = command.text();
                            } else if (!sub.isEmpty()) {
                                install = true;
                            } else if (command.name().equals("apk") && command.hasFlag("--update", "-U")) {
                                install = true;
                            }
                        }
                        if (update && !install) {
                            violations.add(context.at(run.instruction(), "'" + updateText
                                    + "' runs without an install in the same RUN"));
                        }
                    }
                    return violations;
                });
    }

    /** The subcommand of a package manager command, or empty when {@code command} is not one. */
    private static String managerSubcommand(ShellCommand command) {
        return switch (command.name()) {
            case "apt-get", "apt", "aptitude" -> AptRules.subcommand(command);
            case "apk" -> Commands.subcommand(command, APK_VALUE_FLAGS);
            case "yum", "dnf", "microdnf" -> Commands.subcommand(command, YUM_VALUE_FLAGS);
            case "zypper" -> Commands.subcommand(command, ZYPPER_VALUE_FLAGS);
            default -> "";
        };
    }
}
