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
import java.util.Set;

/** Rules on the shell commands of {@code RUN}: cd, pipes, downloads, command choice. */
final class ShellRules {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    private static final Set<String> INTERACTIVE = Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top",
            "kill", "mount", "ifconfig");

    private ShellRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(cd(), interactiveCommands(), pipefail(), pipeToShell(), curlAndWget(), wgetProgress(),
                consecutiveRuns(), linkShell());
    }

    private static DockerfileRule cd() {
        return rule("BW-DS-020", Severity.LOW, "RUN uses cd instead of WORKDIR", "DL3003", "DS-0013")
                .why("A cd lasts for one RUN only; later instructions silently run elsewhere. WORKDIR states the "
                        + "directory once and is easier to read.")
                .fix("Use WORKDIR /path before the RUN.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (command.name().equals("cd")) {
                                violations.add(context.at(run.instruction(), "'" + command.text()
                                        + "' changes directory inside RUN"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule interactiveCommands() {
        return rule("BW-DS-021", Severity.LOW, "RUN uses a command that makes no sense in a build", "DL3001")
                .why("ssh, vim, service, top, kill, mount and the like are interactive or act on running systems; in "
                        + "a build step they do nothing useful or hide a design problem.")
                .fix("Remove the command; configure services at runtime, not at build time.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (INTERACTIVE.contains(command.name())) {
                                violations.add(context.at(run.instruction(), "'" + command.name()
                                        + "' has no place in a build step"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    /** True when a {@code SHELL} instruction's words enable pipefail in a shell that supports it. */
    static boolean shellHasPipefail(List<String> shellWords) {
        if (shellWords.isEmpty()) {
            return false;
        }
        String name = shellWords.getFirst().substring(shellWords.getFirst().lastIndexOf('/') + 1);
        if (name.equals("sh")) {
            return false;
        }
        for (int i = 1; i + 1 < shellWords.size(); i++) {
            String word = shellWords.get(i);
            if (word.startsWith("-") && !word.startsWith("--") && word.endsWith("o")
                    && shellWords.get(i + 1).equals("pipefail")) {
                return true;
            }
        }
        return false;
    }

    static boolean scriptSetsPipefail(List<ShellCommand> commands) {
        for (ShellCommand command : commands) {
            if (command.name().equals("set") && command.args().contains("pipefail")) {
                return true;
            }
        }
        return false;
    }

    private static DockerfileRule pipefail() {
        return rule("BW-DS-022", Severity.MEDIUM, "RUN pipes commands without pipefail", "DL4006")
                .why("A pipeline's status is its last command's: in 'curl ... | tar x' a failed download still "
                        + "passes the build and ships a broken image.")
                .fix("Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before the RUN (or set -o pipefail in it).")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        boolean pipefail = false;
                        for (Instruction instruction : stage.instructions()) {
                            if (instruction.is("SHELL")) {
                                pipefail = shellHasPipefail(instruction.words());
                            }
                            if (!instruction.effective().is("RUN") || pipefail) {
                                continue;
                            }
                            Run run = runOf(context, instruction);
                            if (run != null && run.script() != null && run.script().hasPipe()
                                    && !scriptSetsPipefail(run.script().commands())) {
                                violations.add(context.at(instruction, "pipeline without 'set -o pipefail'"));
                            }
                        }
                    }
                    return violations;
                });
    }

    static Run runOf(DockerfileContext context, Instruction instruction) {
        for (Run run : context.runs()) {
            if (run.instruction() == instruction) {
                return run;
            }
        }
        return null;
    }

    private static DockerfileRule pipeToShell() {
        return rule("BW-DS-023", Severity.HIGH, "RUN pipes a download into a shell")
                .why("'curl ... | sh' executes whatever the server (or anyone in between) returns, unreviewed and "
                        + "unpinned; a compromised or changed script runs with build privileges.")
                .fix("Download to a file, verify its checksum or signature, then run it.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        List<ShellCommand> commands = Commands.of(run);
                        for (int i = 0; i + 1 < commands.size(); i++) {
                            ShellCommand download = commands.get(i);
                            ShellCommand next = commands.get(i + 1);
                            if ((download.name().equals("curl") || download.name().equals("wget"))
                                    && download.pipesOut() && next.pipedIn() && runsShell(next)) {
                                violations.add(context.at(run.instruction(), "'" + download.text() + " | "
                                        + next.text() + "' runs a downloaded script"));
                            }
                        }
                    }
                    return violations;
                });
    }

    private static boolean runsShell(ShellCommand command) {
        if (SHELLS.contains(command.name())) {
            return true;
        }
        return command.name().equals("sudo") && command.args().stream()
                .anyMatch(arg -> SHELLS.contains(arg.substring(arg.lastIndexOf('/') + 1)));
    }

    private static DockerfileRule curlAndWget() {
        return rule("BW-DS-024", Severity.LOW, "Both wget and curl are used", "DL4001", "DS-0014")
                .why("Installing two download tools doubles the attack surface and image size for no gain.")
                .fix("Pick one of wget or curl for the whole stage.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        Run wget = null;
                        Run curl = null;
                        for (Run run : context.runs()) {
                            if (run.stage() != stage) {
                                continue;
                            }
                            for (ShellCommand command : Commands.of(run)) {
                                if (command.name().equals("wget") && wget == null) {
                                    wget = run;
                                } else if (command.name().equals("curl") && curl == null) {
                                    curl = run;
                                }
                            }
                        }
                        if (wget != null && curl != null) {
                            Run later = wget.instruction().startLine() >= curl.instruction().startLine() ? wget : curl;
                            violations.add(context.at(later.instruction(), "the stage uses both wget and curl"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule wgetProgress() {
        return rule("BW-DS-025", Severity.LOW, "wget without --progress bloats the build log", "DL3047")
                .why("wget's default progress bar writes thousands of lines to non-interactive build logs.")
                .fix("Use wget --progress=dot:giga, or -q / -nv.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (command.name().equals("wget") && !command.hasFlag("--progress", "-q", "--quiet",
                                    "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output")) {
                                violations.add(context.at(run.instruction(), "wget without --progress"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule consecutiveRuns() {
        return rule("BW-DS-026", Severity.LOW, "Consecutive RUN instructions could be one", "DL3059")
                .why("Every RUN makes a layer; single-command RUNs in a row add layers (and leave intermediate "
                        + "files in them) for no reason.")
                .fix("Join the commands with && in one RUN.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    List<Instruction> instructions = context.instructions();
                    for (int i = 1; i < instructions.size(); i++) {
                        Instruction previous = instructions.get(i - 1);
                        Instruction current = instructions.get(i);
                        if (previous.is("RUN") && current.is("RUN") && previous.flags().equals(current.flags())
                                && singleCommand(context, previous) && singleCommand(context, current)) {
                            violations.add(context.at(current, "RUN directly follows another single-command RUN"));
                        }
                    }
                    return violations;
                });
    }

    private static boolean singleCommand(DockerfileContext context, Instruction instruction) {
        Run run = runOf(context, instruction);
        return run != null && run.script() != null && run.script().commands().size() == 1;
    }

    private static DockerfileRule linkShell() {
        return rule("BW-DS-027", Severity.MEDIUM, "RUN replaces /bin/sh instead of using SHELL", "DL4005")
                .why("Symlinking another shell over /bin/sh changes the shell of every later tool in the image, "
                        + "not just of the build.")
                .fix("Use SHELL [\"/bin/bash\", \"-c\"] to change the build shell.")
                .alsoOnHistory()
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Run run : context.runs()) {
                        for (ShellCommand command : Commands.of(run)) {
                            if (command.name().equals("ln") && command.args().contains("/bin/sh")) {
                                violations.add(context.at(run.instruction(), "'" + command.text()
                                        + "' replaces /bin/sh"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }
}
