package dev.bulwark.runtime.condition;

/**
 * A position in a condition string: zero-based character offset plus one-based line and column, so errors can point
 * at the token that is wrong.
 */
public record SourcePos(int offset, int line, int column) {

    public static final SourcePos NONE = new SourcePos(0, 1, 1);

    /** The position of {@code offset} in {@code text}. */
    public static SourcePos of(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePos(offset, line, column);
    }
}
