package dev.bulwark.config.internal.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed Dockerfile: its instructions in order, the comments (which carry ignore pragmas) and the parser
 * directives ({@code # syntax=}, {@code # escape=}).
 *
 * @param instructions every instruction, in order
 * @param comments every comment line that is not a parser directive
 * @param directives parser directives by lower-case name
 * @param escape the escape character ({@code \} or a backtick)
 * @param problems lines BuildKit would reject, skipped by the parser
 */
public record Dockerfile(List<Instruction> instructions, List<Comment> comments, Map<String, String> directives,
                         char escape, List<DockerfileSyntaxException> problems) {

    public Dockerfile {
        instructions = List.copyOf(instructions);
        comments = List.copyOf(comments);
        directives = Map.copyOf(directives);
        problems = List.copyOf(problems);
    }

    /**
     * The build stages: one per {@code FROM}, each with the instructions up to the next {@code FROM}. Instructions
     * before the first {@code FROM} (global {@code ARG}s) belong to no stage.
     */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.is("FROM")) {
                if (from != null) {
                    stages.add(Stage.of(stages.size(), from, body));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(Stage.of(stages.size(), from, body));
        }
        return stages;
    }

    /** The instructions before the first {@code FROM}. */
    public List<Instruction> preamble() {
        List<Instruction> result = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.is("FROM")) {
                break;
            }
            result.add(instruction);
        }
        return result;
    }
}
