package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileContext.Run;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.config.internal.dockerfile.Words;
import dev.bulwark.config.internal.shell.ShellCommand;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules on {@code COPY} and {@code ADD}. */
final class CopyRules {

    private static final Pattern ARCHIVE = Pattern.compile(
            ".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst|gz|bz2|xz|zst|lz|lzma|tlz)$");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[a-zA-Z]:.*");

    private CopyRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(addForFiles(), addUrl(), copyMultipleSourcesDestination(), copyFromUnknownStage(),
                copyFromOwnStage(), copyRelativeWithoutWorkdir(), copyArchiveThenExtract());
    }

    static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("git@")
                || lower.startsWith("git://");
    }

    /** The sources of a COPY/ADD (all words but the last), empty for heredoc-only or malformed instructions. */
    static List<String> sources(Instruction instruction) {
        List<String> words = instruction.words();
        return words.size() < 2 ? List.of() : words.subList(0, words.size() - 1);
    }

    private static DockerfileRule addForFiles() {
        return rule("BW-DS-060", Severity.LOW, "ADD is used to copy plain files", "DL3020", "DS-0005",
                "CKV_DOCKER_4")
                .why("ADD also fetches URLs and unpacks archives; for plain files that magic is a surprise "
                        + "waiting to happen. COPY does exactly one thing.")
                .fix("Use COPY for files and directories; keep ADD for local tar archives you want extracted.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("ADD")) {
                        if (!instruction.heredocs().isEmpty()) {
                            continue;
                        }
                        for (String source : sources(instruction)) {
                            if (!isUrl(source) && !ARCHIVE.matcher(source.toLowerCase(Locale.ROOT)).matches()) {
                                violations.add(context.at(instruction, "ADD copies '" + source
                                        + "', which COPY does without side effects"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule addUrl() {
        return rule("BW-DS-061", Severity.MEDIUM, "ADD downloads a URL without a checksum", "CKV_DOCKER_4")
                .why("ADD <url> fetches whatever the server returns at build time, unverified; a compromised or "
                        + "changed file ends up in the image.")
                .fix("Use ADD --checksum=sha256:... <url>, or download with curl and verify the checksum.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("ADD")) {
                        if (instruction.flag("checksum") != null) {
                            continue;
                        }
                        for (String source : sources(instruction)) {
                            if (isUrl(source)) {
                                violations.add(context.at(instruction, "ADD downloads '" + source
                                        + "' without --checksum"));
                                break;
                            }
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule copyMultipleSourcesDestination() {
        return rule("BW-DS-062", Severity.HIGH, "COPY with several sources needs a directory destination", "DL3021",
                "DS-0011")
                .why("With more than one source the destination must be a directory ending in '/'; otherwise the "
                        + "build fails.")
                .fix("End the destination with a slash: COPY a b /dest/")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("COPY")) {
                        List<String> words = instruction.words();
                        if (words.size() > 2 && instruction.heredocs().isEmpty()
                                && !words.getLast().endsWith("/") && !words.getLast().contains("$")) {
                            violations.add(context.at(instruction, "destination '" + words.getLast()
                                    + "' of a multi-source COPY does not end with '/'"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule copyFromUnknownStage() {
        return rule("BW-DS-063", Severity.MEDIUM, "COPY --from refers to an undefined stage", "DL3022")
                .why("A --from name that matches no earlier stage is pulled as an image from a registry; a typo "
                        + "silently copies from whatever image has that name.")
                .fix("Define the stage before the COPY (FROM ... AS name), or use a full image reference.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("COPY")) {
                        String from = instruction.flag("from");
                        if (from == null || from.isEmpty() || from.contains(":") || from.contains("/")
                                || from.contains("@") || from.contains("$")) {
                            continue;
                        }
                        if (!definedBefore(context, instruction, from)) {
                            violations.add(context.at(instruction, "--from=" + from
                                    + " names no stage defined before this COPY"));
                        }
                    }
                    return violations;
                });
    }

    private static boolean definedBefore(DockerfileContext context, Instruction copy, String from) {
        Stage current = context.stageOf(copy);
        for (Stage stage : context.stages()) {
            if (stage.isImplicit() || current != null && stage.index() >= current.index()) {
                break;
            }
            if (from.equalsIgnoreCase(stage.alias()) || from.equals(Integer.toString(stage.index()))) {
                return true;
            }
        }
        return false;
    }

    private static DockerfileRule copyFromOwnStage() {
        return rule("BW-DS-064", Severity.HIGH, "COPY --from refers to its own stage", "DL3023", "DS-0006")
                .why("A stage cannot copy from itself; the build fails or copies from an unrelated image.")
                .fix("Copy from an earlier stage.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.all("COPY")) {
                        String from = instruction.flag("from");
                        Stage stage = context.stageOf(instruction);
                        if (from != null && stage != null && !stage.alias().isEmpty()
                                && from.equalsIgnoreCase(stage.alias())) {
                            violations.add(context.at(instruction, "--from=" + from + " is the current stage"));
                        }
                    }
                    return violations;
                });
    }

    private static DockerfileRule copyRelativeWithoutWorkdir() {
        return rule("BW-DS-065", Severity.LOW, "COPY to a relative path without WORKDIR", "DL3045")
                .why("A relative destination lands in whatever directory the base image set, which can change "
                        + "with the base image.")
                .fix("Set WORKDIR first, or use an absolute destination.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        boolean workdir = hasWorkdirInChain(context, stage);
                        for (Instruction instruction : stage.instructions()) {
                            if (instruction.is("WORKDIR")) {
                                workdir = true;
                            }
                            if (!instruction.is("COPY") || workdir || instruction.words().size() < 2) {
                                continue;
                            }
                            String destination = instruction.words().getLast();
                            if (!destination.startsWith("/") && !destination.startsWith("$")
                                    && !WINDOWS_ABSOLUTE.matcher(destination).matches()) {
                                violations.add(context.at(instruction, "COPY to relative '" + destination
                                        + "' without a WORKDIR"));
                            }
                        }
                    }
                    return violations;
                });
    }

    private static boolean hasWorkdirInChain(DockerfileContext context, Stage stage) {
        Stage parent = UserRules.parentStage(context, stage);
        while (parent != null) {
            if (parent.instructions().stream().anyMatch(i -> i.is("WORKDIR"))) {
                return true;
            }
            parent = UserRules.parentStage(context, parent);
        }
        return false;
    }

    private static DockerfileRule copyArchiveThenExtract() {
        return rule("BW-DS-066", Severity.LOW, "COPY of an archive that a later RUN extracts", "DL3010")
                .why("Copying an archive and extracting it keeps both in the layers; ADD extracts local archives in "
                        + "one step.")
                .fix("Use ADD archive.tar /dest/ to extract it directly.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Stage stage : context.stages()) {
                        Set<String> copied = new HashSet<>();
                        for (Instruction instruction : stage.instructions()) {
                            if (instruction.is("COPY") && instruction.flag("from") == null) {
                                List<String> raw = Words.splitRaw(instruction.rest(), '\u0000');
                                for (String word : raw) {
                                    String name = basename(unquote(word));
                                    if (ARCHIVE.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                                        copied.add(name);
                                    }
                                }
                            }
                            Run run = ShellRules.runOf(context, instruction);
                            if (run == null || copied.isEmpty()) {
                                continue;
                            }
                            for (ShellCommand command : Commands.of(run)) {
                                if (command.name().equals("tar") && extracts(command)
                                        && command.args().stream().anyMatch(a -> copied.contains(basename(a)))) {
                                    violations.add(context.at(instruction, "'" + command.text()
                                            + "' extracts an archive copied with COPY"));
                                    break;
                                }
                            }
                        }
                    }
                    return violations;
                });
    }

    private static boolean extracts(ShellCommand tar) {
        for (String arg : tar.args()) {
            if (arg.equals("--extract") || arg.equals("--get")) {
                return true;
            }
            if (!arg.startsWith("--") && arg.matches("-?[a-zA-Z]+") && arg.contains("x")) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.startsWith("\"") && word.endsWith("\"")
                || word.startsWith("'") && word.endsWith("'"))) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }

    private static String basename(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }
}
