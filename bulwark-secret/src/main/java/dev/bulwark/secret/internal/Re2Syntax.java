package dev.bulwark.secret.internal;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates RE2 (Go {@code regexp}) syntax, which gitleaks configs use, to {@link java.util.regex} syntax with the
 * same meaning, or explains which construct cannot be translated.
 *
 * <p>What differs and how it is handled:
 * <ul>
 *   <li>{@code (?P<name>re)} named groups: Java has no {@code P} form and allows no {@code _} in names; they become
 *       plain capturing groups, which keeps group numbers (gitleaks' {@code secretGroup} counts them).</li>
 *   <li>{@code [[:alpha:]]} POSIX classes: Java would read {@code [:alph]} as a set of characters; they become
 *       {@code \p{Alpha}} etc.</li>
 *   <li>A {@code [} or {@code &&} inside a class is literal in RE2 but a nested class / intersection in Java; they
 *       are escaped. A {@code ]} first in a class is literal in RE2 and escaped for Java.</li>
 *   <li>A {@code {} that does not start a repetition is literal in RE2 and an error in Java; it is escaped.</li>
 *   <li>{@code \123} and {@code \0} are octal escapes in RE2 and back references in Java; they become
 *       {@code \x{..}}. {@code \v} is only vertical tab in RE2 (a class in Java): {@code \x0B}. {@code \p{Greek}}
 *       script names get Java's {@code Is} prefix.</li>
 *   <li>{@code .} and {@code ^}/{@code $} (with {@code (?m)}) treat only {@code \n} as a line end in RE2: patterns are
 *       compiled with {@link Pattern#UNIX_LINES}.</li>
 * </ul>
 * Not translatable (reported): RE2's ungreedy flag {@code (?U)} (in Java {@code U} means Unicode classes) and
 * {@code \C} (any byte).
 */
public final class Re2Syntax {

    /** Flags every rule pattern is compiled with. */
    public static final int FLAGS = Pattern.UNIX_LINES;

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private Re2Syntax() {
    }

    /** A pattern that cannot be used, with the construct and its offset in the RE2 source. */
    public static final class UnsupportedSyntaxException extends Exception {
        public UnsupportedSyntaxException(String message) {
            super(message);
        }
    }

    /** Translates and compiles an RE2 pattern. */
    public static Pattern compile(String re2) throws UnsupportedSyntaxException {
        String java = translate(re2);
        try {
            return Pattern.compile(java, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedSyntaxException("not a valid regular expression: " + e.getDescription()
                    + " near offset " + e.getIndex());
        }
    }

    /** The Java form of an RE2 pattern. */
    public static String translate(String re2) throws UnsupportedSyntaxException {
        StringBuilder out = new StringBuilder(re2.length() + 16);
        boolean inClass = false;
        int classContentStart = -1;
        int i = 0;
        int n = re2.length();
        while (i < n) {
            char c = re2.charAt(i);
            if (c == '\\') {
                i = escape(re2, i, out, inClass);
                continue;
            }
            if (inClass) {
                if (c == ']' && i != classContentStart) {
                    inClass = false;
                    out.append(']');
                    i++;
                } else if (c == ']') {
                    out.append("\\]");
                    i++;
                } else if (c == '[' && i + 1 < n && re2.charAt(i + 1) == ':') {
                    int close = re2.indexOf(":]", i + 2);
                    if (close < 0) {
                        out.append("\\[");
                        i++;
                        continue;
                    }
                    String name = re2.substring(i + 2, close);
                    boolean negated = name.startsWith("^");
                    String java = POSIX.get(negated ? name.substring(1) : name);
                    if (java == null) {
                        throw new UnsupportedSyntaxException("unknown POSIX class [:" + name + ":] at offset " + i);
                    }
                    if (negated) {
                        java = java.equals("\\w") ? "\\W" : java.replace("\\p", "\\P");
                    }
                    out.append(java);
                    i = close + 2;
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                    i++;
                } else {
                    out.append(c);
                    i++;
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && re2.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    classContentStart = i;
                }
                case '(' -> i = group(re2, i, out);
                case '{' -> {
                    int end = repetitionEnd(re2, i);
                    if (end > 0 && i > 0) {
                        out.append(re2, i, end);
                        i = end;
                    } else {
                        out.append("\\{");
                        i++;
                    }
                }
                case '}' -> {
                    out.append("\\}");
                    i++;
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        if (inClass) {
            throw new UnsupportedSyntaxException("unclosed character class");
        }
        return out.toString();
    }

    private static int group(String re2, int i, StringBuilder out) throws UnsupportedSyntaxException {
        int n = re2.length();
        if (i + 1 >= n || re2.charAt(i + 1) != '?') {
            out.append('(');
            return i + 1;
        }
        if (re2.startsWith("(?P<", i) || re2.startsWith("(?<", i) && i + 3 < n && re2.charAt(i + 3) != '='
                && re2.charAt(i + 3) != '!') {
            int close = re2.indexOf('>', i);
            if (close < 0) {
                throw new UnsupportedSyntaxException("unclosed group name at offset " + i);
            }
            out.append('(');
            return close + 1;
        }
        // Flags: (?i) (?i:re) (?-i) (?s-m:re)
        int j = i + 2;
        while (j < n && "imsU-".indexOf(re2.charAt(j)) >= 0) {
            j++;
        }
        String flags = re2.substring(i + 2, j);
        if (flags.indexOf('U') >= 0) {
            throw new UnsupportedSyntaxException("RE2's ungreedy flag (?U) at offset " + i
                    + " has no java.util.regex equivalent");
        }
        out.append(re2, i, j);
        return j;
    }

    /** End of a valid repetition {n}, {n,}, {n,m} starting at i, or -1. */
    private static int repetitionEnd(String re2, int i) {
        int j = i + 1;
        int n = re2.length();
        int digits = 0;
        while (j < n && Character.isDigit(re2.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= n) {
            return -1;
        }
        if (re2.charAt(j) == '}') {
            return j + 1;
        }
        if (re2.charAt(j) != ',') {
            return -1;
        }
        j++;
        while (j < n && Character.isDigit(re2.charAt(j))) {
            j++;
        }
        return j < n && re2.charAt(j) == '}' ? j + 1 : -1;
    }

    private static int escape(String re2, int i, StringBuilder out, boolean inClass)
            throws UnsupportedSyntaxException {
        int n = re2.length();
        if (i + 1 >= n) {
            throw new UnsupportedSyntaxException("trailing backslash");
        }
        char e = re2.charAt(i + 1);
        switch (e) {
            case 'C' -> throw new UnsupportedSyntaxException("RE2's \\C (any byte) at offset " + i
                    + " has no java.util.regex equivalent");
            case 'v' -> {
                out.append("\\x0B");
                return i + 2;
            }
            case 'Q' -> {
                int end = re2.indexOf("\\E", i + 2);
                int stop = end < 0 ? n : end + 2;
                out.append(re2, i, stop);
                return stop;
            }
            case 'p', 'P' -> {
                if (i + 2 < n && re2.charAt(i + 2) == '{') {
                    int close = re2.indexOf('}', i + 3);
                    if (close < 0) {
                        throw new UnsupportedSyntaxException("unclosed \\p{ at offset " + i);
                    }
                    String name = re2.substring(i + 3, close);
                    boolean negated = name.startsWith("^");
                    if (negated) {
                        name = name.substring(1);
                    }
                    char kind = negated ? (e == 'p' ? 'P' : 'p') : e;
                    if (name.length() > 2 && !name.startsWith("Is") && !name.startsWith("In")) {
                        name = "Is" + name;
                    }
                    out.append('\\').append(kind).append('{').append(name).append('}');
                    return close + 1;
                }
                out.append(re2, i, Math.min(n, i + 3));
                return i + 3;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int value = 0;
                    int digits = 0;
                    while (j < n && digits < 3 && re2.charAt(j) >= '0' && re2.charAt(j) <= '7') {
                        value = value * 8 + (re2.charAt(j) - '0');
                        j++;
                        digits++;
                    }
                    if (e != '0' && digits == 1) {
                        throw new UnsupportedSyntaxException("back reference \\" + e + " at offset " + i
                                + " (RE2 has none)");
                    }
                    out.append("\\x{").append(Integer.toHexString(value)).append('}');
                    return j;
                }
                out.append('\\').append(e);
                return i + 2;
            }
        }
    }
}
