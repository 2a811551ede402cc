package dev.bulwark.config.internal.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits instruction arguments into words the way BuildKit's shell lexer does for non-{@code RUN} instructions:
 * whitespace separates words, single quotes are literal, double quotes allow the escape character before
 * {@code "}, {@code $} and itself, and the escape character outside quotes takes the next character literally.
 */
public final class Words {

    private Words() {
    }

    /** The words of {@code text} with quotes removed. */
    public static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0) {
                if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(current.toString());
                        current.setLength(0);
                        inWord = false;
                    }
                } else if (c == escape && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                    inWord = true;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else {
                    current.append(c);
                    inWord = true;
                }
            } else if (c == quote) {
                quote = 0;
            } else if (quote == '"' && c == escape && i + 1 < text.length() && escapableInDoubleQuotes(text.charAt(i + 1),
                    escape)) {
                current.append(text.charAt(++i));
            } else {
                current.append(c);
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }

    private static boolean escapableInDoubleQuotes(char next, char escape) {
        return next == '"' || next == '$' || next == escape;
    }

    /** The words of {@code text} split on unquoted whitespace, quotes kept as written. */
    public static List<String> splitRaw(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            current.append(c);
            if (c == escape && i + 1 < text.length() && quote != '\'') {
                current.append(text.charAt(++i));
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }
}
