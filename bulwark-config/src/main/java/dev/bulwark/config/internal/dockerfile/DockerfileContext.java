package dev.bulwark.config.internal.dockerfile;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.shell.ShellScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed Dockerfile with what rules keep asking for computed once: the stages, the stage of each instruction, the
 * shell scripts of {@code RUN} instructions (including {@code ONBUILD RUN} and here-document scripts) and the
 * variables in scope.
 */
public final class DockerfileContext {

    /**
     * A {@code RUN} and its shell script.
     *
     * @param instruction the instruction as written ({@code ONBUILD RUN ...} for triggers)
     * @param run the {@code RUN} itself
     * @param script the commands it runs ({@code null} when a non-POSIX {@code SHELL} is in effect)
     * @param stage the stage it belongs to
     */
    public record Run(Instruction instruction, Instruction run, ShellScript script, Stage stage) {
    }

    private final Dockerfile dockerfile;
    private final boolean history;
    private final List<Stage> stages;
    private final Map<Instruction, Stage> stageOf = new IdentityHashMap<>();
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, String> globalArgs = new LinkedHashMap<>();

    public DockerfileContext(Dockerfile dockerfile, boolean history) {
        this.dockerfile = dockerfile;
        this.history = history;
        List<Stage> declared = dockerfile.stages();
        this.stages = declared.isEmpty() ? List.of(Stage.implicit(dockerfile.instructions())) : declared;
        if (!declared.isEmpty()) {
            for (Instruction instruction : dockerfile.preamble()) {
                if (instruction.is("ARG")) {
                    globalArgs.putAll(argDefaults(instruction));
                }
            }
        }
        boolean posixPragma = !hasNonPosixShellPragma(dockerfile);
        for (Stage stage : stages) {
            stageOf.put(stage.from(), stage);
            boolean posix = posixPragma;
            for (Instruction instruction : stage.instructions()) {
                stageOf.put(instruction, stage);
                if (instruction.is("SHELL")) {
                    posix = isPosixShell(instruction.words());
                }
                addRun(instruction, stage, posix);
            }
        }
    }

    private void addRun(Instruction instruction, Stage stage, boolean posix) {
        Instruction effective = instruction.effective();
        if (effective.is("RUN")) {
            runs.add(new Run(instruction, effective, posix ? script(effective) : null, stage));
        }
    }

    /** The shell script a {@code RUN} executes: its command line plus here-documents fed to a shell. */
    static ShellScript script(Instruction run) {
        StringBuilder text = new StringBuilder();
        if (run.isJson()) {
            text.append(String.join(" ", run.json()));
        } else {
            text.append(run.rest());
            List<String> words = run.words();
            boolean heredocIsScript = !run.heredocs().isEmpty() && !words.isEmpty()
                    && (words.getFirst().startsWith("<<") || isShellName(words.getFirst()));
            if (heredocIsScript) {
                for (Heredoc heredoc : run.heredocs()) {
                    text.append('\n').append(heredoc.content());
                }
            }
        }
        return ShellScript.parse(text.toString());
    }

    private static boolean isShellName(String word) {
        String name = word.substring(word.lastIndexOf('/') + 1);
        return name.equals("sh") || name.equals("bash") || name.equals("ash") || name.equals("dash")
                || name.equals("zsh");
    }

    private static boolean isPosixShell(List<String> shellWords) {
        if (shellWords.isEmpty()) {
            return true;
        }
        String name = shellWords.getFirst().toLowerCase(Locale.ROOT);
        return !(name.contains("pwsh") || name.contains("powershell") || name.contains("cmd"));
    }

    private static boolean hasNonPosixShellPragma(Dockerfile dockerfile) {
        for (Comment comment : dockerfile.comments()) {
            String text = comment.text().toLowerCase(Locale.ROOT);
            if (text.startsWith("hadolint shell=") && !isPosixShell(List.of(text.substring(15).strip()))) {
                return true;
            }
        }
        return false;
    }

    /** The default values of an {@code ARG} instruction's names. */
    public static Map<String, String> argDefaults(Instruction arg) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String word : arg.words()) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                result.put(word.substring(0, equals), word.substring(equals + 1));
            } else {
                result.put(word, null);
            }
        }
        return result;
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    /** True when the instructions were rebuilt from an image's history rather than read from a file. */
    public boolean isHistory() {
        return history;
    }

    /** The stages; a file without {@code FROM} has one implicit stage holding every instruction. */
    public List<Stage> stages() {
        return stages;
    }

    /** The last stage, which makes the image. */
    public Stage finalStage() {
        return stages.getLast();
    }

    public List<Instruction> instructions() {
        return dockerfile.instructions();
    }

    /** The instructions with {@code keyword}, in order (not those inside {@code ONBUILD}). */
    public List<Instruction> all(String keyword) {
        return dockerfile.instructions().stream().filter(i -> i.is(keyword)).toList();
    }

    /** Every {@code RUN}, including {@code ONBUILD RUN}, with its shell script. */
    public List<Run> runs() {
        return runs;
    }

    /** The stage {@code instruction} belongs to, or {@code null}. */
    public Stage stageOf(Instruction instruction) {
        return stageOf.get(instruction);
    }

    /** The global {@code ARG}s declared before the first {@code FROM}, with their defaults. */
    public Map<String, String> globalArgs() {
        return globalArgs;
    }

    /** {@code text} with global {@code ARG} defaults expanded (what {@code FROM} sees). */
    public String expandGlobal(String text) {
        Map<String, String> values = new HashMap<>();
        globalArgs.forEach((k, v) -> values.put(k, v == null ? "" : v));
        return Substitution.expand(text, values, dockerfile.escape());
    }

    /** A violation spanning {@code instruction}, attributed to its stage. */
    public Violation at(Instruction instruction, String message) {
        return new Violation(instruction.startLine(), instruction.endLine(), resource(stageOf(instruction)), message);
    }

    /** How a stage is named in findings: its alias, {@code stage N} in multi-stage files, else nothing. */
    public String resource(Stage stage) {
        if (stage == null || stage.isImplicit() || stage.alias().isEmpty() && stages.size() == 1) {
            return "";
        }
        return stage.displayName();
    }
}
