package dev.bulwark.image.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): the scheme ({@code basic}, {@code bearer}) and its parameters
 * ({@code realm}, {@code service}, {@code scope}, {@code error}).
 *
 * @param scheme lower case
 * @param params parameter names in lower case, values unquoted
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        params = Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }

    /**
     * The challenge to answer among a response's {@code WWW-Authenticate} headers: Bearer preferred over Basic, the
     * schemes registries use; empty when none of them is offered.
     */
    public static Optional<Challenge> choose(List<String> headers) {
        Challenge basic = null;
        for (String header : headers) {
            for (Challenge challenge : parse(header)) {
                if (challenge.scheme().equals("bearer")) {
                    return Optional.of(challenge);
                }
                if (challenge.scheme().equals("basic") && basic == null) {
                    basic = challenge;
                }
            }
        }
        return Optional.ofNullable(basic);
    }

    /** Parses one header value, which may hold several challenges separated by commas. */
    public static List<Challenge> parse(String header) {
        List<Challenge> challenges = new ArrayList<>();
        Lexer lexer = new Lexer(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            lexer.skip(" \t,");
            if (lexer.done()) {
                break;
            }
            String token = lexer.token();
            if (token.isEmpty()) {
                lexer.pos++; // a stray character: skip it rather than loop
                continue;
            }
            lexer.skip(" \t");
            if (lexer.peek() == '=' && scheme != null) {
                lexer.pos++;
                lexer.skip(" \t");
                String value = lexer.peek() == '"' ? lexer.quoted() : lexer.token();
                params.put(token.toLowerCase(Locale.ROOT), value);
            } else {
                if (scheme != null) {
                    challenges.add(new Challenge(scheme, params));
                }
                scheme = token.toLowerCase(Locale.ROOT);
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            challenges.add(new Challenge(scheme, params));
        }
        return challenges;
    }

    private static final class Lexer {
        private final String text;
        private int pos;

        Lexer(String text) {
            this.text = text;
        }

        boolean done() {
            return pos >= text.length();
        }

        char peek() {
            return done() ? 0 : text.charAt(pos);
        }

        void skip(String chars) {
            while (!done() && chars.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!done() && " \t,=\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String quoted() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (!done()) {
                char c = text.charAt(pos++);
                if (c == '\\' && !done()) {
                    out.append(text.charAt(pos++));
                } else if (c == '"') {
                    break;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
