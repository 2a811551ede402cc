package dev.bulwark.config.internal.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * One Dockerfile instruction after line continuations are joined.
 *
 * @param keyword the instruction in upper case ({@code RUN}, {@code COPY}, ...)
 * @param arguments everything after the keyword, continuation lines joined, flags included
 * @param flags the leading {@code --name=value} flags of instructions that take them
 * @param rest the arguments after the flags
 * @param words {@code rest} split into words with quotes removed (the elements of the JSON form)
 * @param json the elements of the JSON (exec) form, or {@code null} for the shell form
 * @param heredocs the here-documents that follow the instruction, in order
 * @param startLine the first line, 1-based
 * @param endLine the last line, including here-document bodies
 * @param inner the triggered instruction of an {@code ONBUILD}, else {@code null}
 */
public record Instruction(
        String keyword,
        String arguments,
        List<Flag> flags,
        String rest,
        List<String> words,
        List<String> json,
        List<Heredoc> heredocs,
        int startLine,
        int endLine,
        Instruction inner) {

    public Instruction {
        keyword = keyword.toUpperCase(Locale.ROOT);
        flags = List.copyOf(flags);
        words = List.copyOf(words);
        json = json == null ? null : List.copyOf(json);
        heredocs = List.copyOf(heredocs);
    }

    public boolean is(String name) {
        return keyword.equals(name);
    }

    public boolean isJson() {
        return json != null;
    }

    /** The value of flag {@code name}, or {@code null} when absent (empty string for a bare flag). */
    public String flag(String name) {
        for (Flag flag : flags) {
            if (flag.name().equals(name)) {
                return flag.value() == null ? "" : flag.value();
            }
        }
        return null;
    }

    /** This instruction, or the instruction an {@code ONBUILD} triggers. */
    public Instruction effective() {
        return inner != null ? inner : this;
    }
}
