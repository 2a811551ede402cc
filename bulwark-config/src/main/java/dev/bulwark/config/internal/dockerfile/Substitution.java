package dev.bulwark.config.internal.dockerfile;

import java.util.Map;

/**
 * Expands {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:+alt}}
 * and {@code ${NAME+alt}} in instruction arguments the way BuildKit does for {@code FROM}, {@code COPY},
 * {@code WORKDIR}, {@code USER}, {@code ENV} and friends: unknown names expand to the empty string, the escape
 * character keeps a {@code $} literal, single quotes are not expanded.
 */
public final class Substitution {

    private Substitution() {
    }

    public static String expand(String text, Map<String, String> variables, char escape) {
        StringBuilder out = new StringBuilder();
        boolean singleQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == '\'') {
                singleQuoted = !singleQuoted;
                out.append(c);
            } else if (c == '$' && !singleQuoted && i + 1 < text.length()) {
                i = expandAt(text, i, variables, out, escape);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Expands the reference starting at {@code dollar}; returns the index of its last character. */
    private static int expandAt(String text, int dollar, Map<String, String> variables, StringBuilder out,
                                char escape) {
        char first = text.charAt(dollar + 1);
        if (first == '{') {
            int close = text.indexOf('}', dollar + 2);
            if (close < 0) {
                out.append(text, dollar, text.length());
                return text.length() - 1;
            }
            String body = text.substring(dollar + 2, close);
            out.append(braced(body, variables, escape));
            return close;
        }
        if (Character.isLetter(first) || first == '_') {
            int end = dollar + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            out.append(variables.getOrDefault(text.substring(dollar + 1, end), ""));
            return end - 1;
        }
        out.append('$');
        return dollar;
    }

    private static String braced(String body, Map<String, String> variables, char escape) {
        int operator = 0;
        while (operator < body.length() && (Character.isLetterOrDigit(body.charAt(operator))
                || body.charAt(operator) == '_')) {
            operator++;
        }
        String name = body.substring(0, operator);
        String value = variables.get(name);
        if (operator == body.length()) {
            return value == null ? "" : value;
        }
        String rest = body.substring(operator);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1) : rest;
        if (op.isEmpty()) {
            return value == null ? "" : value;
        }
        String word = expand(op.substring(1), variables, escape);
        boolean unset = value == null || colon && value.isEmpty();
        return switch (op.charAt(0)) {
            case '-' -> unset ? word : value;
            case '+' -> unset ? "" : word;
            case '?' -> value == null ? "" : value;
            default -> value == null ? "" : value;
        };
    }
}
