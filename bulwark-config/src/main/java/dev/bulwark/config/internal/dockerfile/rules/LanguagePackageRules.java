package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.EnvPairs;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.config.internal.shell.ShellCommand;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules on pip, npm, gem, go and yarn installs. */
final class LanguagePackageRules {

    private static final Pattern PIP = Pattern.compile("pip(x|\\d(\\.\\d+)?)?");
    private static final Set<String> PIP_VALUE_FLAGS = Set.of("-i", "--index-url", "--extra-index-url",
            "--trusted-host", "--build", "--prefix", "--root", "-t", "--target", "--root-user-action", "--python",
            "-f", "--find-links", "--src", "--upgrade-strategy", "--progress-bar", "--log", "--cache-dir", "--proxy",
            "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--global-option",
            "--install-option", "--no-binary", "--only-binary", "--platform", "--python-version",
            "--implementation", "--abi", "-e", "--editable", "--pip-args", "--suffix", "--spec");
    private static final Set<String> NPM_VALUE_FLAGS = Set.of("--loglevel", "--registry", "--prefix", "--cache",
            "--tag", "--userconfig", "--workspace", "-w");
    private static final Set<String> GEM_VALUE_FLAGS = Set.of("-i", "--install-dir", "-n", "--bindir", "--source",
            "-s", "--platform", "-P", "--trust-policy", "-g", "--file");
    private static final Set<String> FALSY = Set.of("0", "off", "no", "false");

    private LanguagePackageRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(pipPin(), pipCache(), npmPin(), gemPin(), goPin(), yarnCache());
    }

    /** The pip invocation inside {@code command}: its arguments after {@code pip}, or {@code null}. */
    private static List<String> pipArgs(ShellCommand command) {
        if (PIP.matcher(command.name()).matches()) {
            return command.args();
        }
        List<String> args = command.args();
        if (command.name().startsWith("python") && args.size() >= 2 && args.get(0).equals("-m")
                && PIP.matcher(args.get(1)).matches()) {
            return args.subList(2, args.size());
        }
        return null;
    }

    private static boolean isPipInstall(ShellCommand command) {
        List<String> args = pipArgs(command);
        return args != null && !args.isEmpty() && args.contains("install");
    }

    private static DockerfileRule pipPin() {
        return rule("BW-DS-052", Severity.MEDIUM, "pip install without pinned versions", "DL3013")
                .why("Unpinned Python packages resolve to whatever is newest on build day, including a compromised or "
                        + "breaking release.")
                .fix("Pin versions (pip install requests==2.32.3) or install from a requirements/constraints file.")
                .check(context -> Commands.forEach(context, LanguagePackageRules::isPipInstall, command -> {
                    List<String> args = pipArgs(command);
                    if (args.contains("-r") || args.contains("--requirement") || args.contains("-c")
                            || args.contains("--constraint")
                            || args.stream().anyMatch(a -> a.startsWith("--requirement=")
                            || a.startsWith("--constraint="))) {
                        return null;
                    }
                    List<String> unpinned = new ArrayList<>();
                    boolean afterInstall = false;
                    for (int i = 0; i < args.size(); i++) {
                        String arg = args.get(i);
                        if (!afterInstall) {
                            afterInstall = arg.equals("install");
                            continue;
                        }
                        if (arg.startsWith("-")) {
                            if (PIP_VALUE_FLAGS.contains(arg)) {
                                i++;
                            }
                        } else if (!pipPinned(arg)) {
                            unpinned.add(arg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static boolean pipPinned(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("git+") || lower.startsWith("hg+") || lower.startsWith("svn+")
                || lower.startsWith("bzr+")) {
            String withoutFragment = spec.contains("#") ? spec.substring(0, spec.indexOf('#')) : spec;
            int scheme = withoutFragment.indexOf("://");
            String path = scheme >= 0 ? withoutFragment.substring(scheme + 3) : withoutFragment;
            int at = path.lastIndexOf('@');
            return at >= 0 && path.indexOf('/', at) < 0;
        }
        return spec.matches(".*[=<>!~].*") || lower.endsWith(".whl") || lower.endsWith(".tar.gz")
                || lower.endsWith(".zip") || lower.endsWith(".tgz") || spec.contains("/") || spec.equals(".")
                || spec.startsWith(".") || lower.startsWith("http");
    }

    private static DockerfileRule pipCache() {
        return rule("BW-DS-053", Severity.LOW, "pip install keeps its cache", "DL3042")
                .why("pip caches downloaded wheels under ~/.cache/pip; in an image that is dead weight.")
                .fix("Use pip install --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1).")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        Boolean envNoCache = null;
                        for (Instruction instruction : stage.instructions()) {
                            if (instruction.is("ENV")) {
                                String value = EnvPairs.of(instruction).get("PIP_NO_CACHE_DIR");
                                if (value != null) {
                                    envNoCache = !FALSY.contains(value.toLowerCase(Locale.ROOT));
                                }
                            }
                            Run run = ShellRules.runOf(context, instruction);
                            if (run == null || Boolean.TRUE.equals(envNoCache)
                                    || Commands.mountsCacheAt(run, "/root/.cache/pip", "/root/.cache")) {
                                continue;
                            }
                            String exported = null;
                            for (ShellCommand command : Commands.of(run)) {
                                if (command.name().equals("export")) {
                                    for (String arg : command.args()) {
                                        if (arg.startsWith("PIP_NO_CACHE_DIR=")) {
                                            exported = arg.substring("PIP_NO_CACHE_DIR=".length());
                                        }
                                    }
                                }
                                String local = command.assignment("PIP_NO_CACHE_DIR");
                                String setting = local != null ? local : exported;
                                boolean disabled = setting != null && !FALSY.contains(setting.toLowerCase(Locale.ROOT));
                                List<String> args = pipArgs(command);
                                if (isPipInstall(command) && !disabled && !args.contains("--no-cache-dir")
                                        && !command.name().equals("pipx")) {
                                    violations.add(context.at(instruction, "'" + command.text()
                                            + "' without --no-cache-dir"));
                                    break;
                                }
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule npmPin() {
        return rule("BW-DS-054", Severity.MEDIUM, "npm install without pinned versions", "DL3016")
                .why("npm install <name> takes the newest release on build day, including compromised ones.")
                .fix("Pin versions (npm install express@4.21.1) or rely on package-lock.json with npm ci.")
                .check(context -> Commands.forEach(context, c -> c.name().equals("npm"), command -> {
                    List<String> packages = Commands.argsAfter(command, Set.of("install", "i", "add"),
                            NPM_VALUE_FLAGS);
                    List<String> unpinned = new ArrayList<>();
                    for (String pkg : packages) {
                        if (!npmPinned(pkg)) {
                            unpinned.add(pkg);
                        }
                    }
                    return unpinned.isEmpty() ? null : "packages without a version: " + String.join(", ", unpinned);
                }));
    }

    private static boolean npmPinned(String spec) {
        if (spec.startsWith("git") || spec.contains("://")) {
            return spec.contains("#");
        }
        if (spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("~/")
                || spec.endsWith(".tar") || spec.endsWith(".tar.gz") || spec.endsWith(".tgz")) {
            return true;
        }
        String name = spec.startsWith("@") ? spec.substring(1) : spec;
        return name.contains("@");
    }

    private static DockerfileRule gemPin() {
        return rule("BW-DS-055", Severity.MEDIUM, "gem install without pinned versions", "DL3028")
                .why("Unpinned gems resolve to the newest release on build day.")
                .fix("Pin versions: gem install bundler:2.5.3 (or -v 2.5.3).")
                .check(context -> Commands.forEach(context, c -> c.name().equals("gem"), command -> {
                    if (command.hasFlag("-v", "--version")) {
                        return null;
                    }
                    List<String> unpinned = new ArrayList<>();
                    for (String gem : gemNames(command)) {
                        if (!gem.contains(":")) {
                            unpinned.add(gem);
                        }
                    }
                    return unpinned.isEmpty() ? null : "gems without a version: " + String.join(", ", unpinned);
                }));
    }

    /** The gem names after {@code install}, up to the first option that follows a name (build options). */
    private static List<String> gemNames(ShellCommand command) {
        List<String> names = new ArrayList<>();
        boolean afterInstall = false;
        List<String> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!afterInstall) {
                afterInstall = arg.equals("install") || arg.equals("i");
            } else if (arg.startsWith("-")) {
                if (!names.isEmpty() || arg.equals("--")) {
                    break;
                }
                if (GEM_VALUE_FLAGS.contains(arg)) {
                    i++;
                }
            } else {
                names.add(arg);
            }
        }
        return names;
    }

    private static DockerfileRule goPin() {
        return rule("BW-DS-056", Severity.MEDIUM, "go install without a pinned version", "DL3062")
                .why("go install pkg@latest (or without a version) builds whatever is newest on build day.")
                .fix("Pin a version: go install example.com/tool@v1.2.3")
                .check(context -> Commands.forEach(context, c -> c.name().equals("go"), command -> {
                    String sub = Commands.subcommand(command, Set.of());
                    List<String> modules = Commands.argsAfter(command, Set.of("install", "get", "run"), Set.of());
                    if (sub.equals("run") && !modules.isEmpty()) {
                        modules = modules.subList(0, 1);
                    }
                    List<String> unpinned = new ArrayList<>();
                    for (String module : modules) {
                        if (module.startsWith("/") || module.startsWith(".")) {
                            continue;
                        }
                        int at = module.lastIndexOf('@');
                        if (at < 0 || module.substring(at + 1).equals("latest")) {
                            unpinned.add(module);
                        }
                    }
                    return unpinned.isEmpty() ? null : "modules without a version: " + String.join(", ", unpinned);
                }));
    }

    private static DockerfileRule yarnCache() {
        return rule("BW-DS-057", Severity.LOW, "yarn install keeps its cache", "DL3060")
                .why("yarn's cache stays in the layer unless cleaned in the same RUN.")
                .fix("End the RUN with && yarn cache clean.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        List<ShellCommand> commands = Commands.of(run);
                        for (int i = 0; i < commands.size(); i++) {
                            ShellCommand command = commands.get(i);
                            boolean installs = command.name().equals("yarn")
                                    && (command.hasArg("install") || command.hasArg("add"));
                            if (installs && !Commands.followedBy(commands, i,
                                    c -> c.name().equals("yarn") && c.hasArgs("cache", "clean"))) {
                                violations.add(context.at(run.instruction(), "'" + command.text()
                                        + "' is not followed by yarn cache clean"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }
}
