package dev.bulwark.config.internal.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * One build stage: a {@code FROM} and the instructions up to the next one.
 *
 * @param index the 0-based stage number ({@code COPY --from=0} refers to it)
 * @param from the {@code FROM} instruction
 * @param image the base image as written (variables not expanded), or empty when missing
 * @param alias the {@code AS} name in lower case, or empty
 * @param instructions the stage's instructions after the {@code FROM}
 */
public record Stage(int index, Instruction from, String image, String alias, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /**
     * The single stage of instructions that have no {@code FROM} (a snippet, or an image's rebuilt history); its
     * {@code FROM} is synthetic, at line 0, with no image.
     */
    static Stage implicit(List<Instruction> instructions) {
        Instruction from = new Instruction("FROM", "", List.of(), "", List.of(), null, List.of(), 0, 0, null);
        return new Stage(0, from, "", "", instructions);
    }

    /** True for the synthetic stage of a file without {@code FROM}. */
    public boolean isImplicit() {
        return from.startLine() == 0 && image.isEmpty();
    }

    static Stage of(int index, Instruction from, List<Instruction> instructions) {
        List<String> words = from.words();
        String image = words.isEmpty() ? "" : words.getFirst();
        String alias = "";
        if (words.size() >= 3 && words.get(1).equalsIgnoreCase("as")) {
            alias = words.get(2).toLowerCase(Locale.ROOT);
        }
        return new Stage(index, from, image, alias, instructions);
    }

    /** How the stage is shown in findings: its alias, or {@code stage N}. */
    public String displayName() {
        return alias.isEmpty() ? "stage " + index : alias;
    }
}
