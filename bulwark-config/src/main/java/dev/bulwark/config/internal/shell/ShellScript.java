package dev.bulwark.config.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A POSIX shell script split into simple commands, enough for Dockerfile rules to ask "which commands run, with
 * which arguments, and are any piped": words are split on unquoted blanks with quotes removed, commands on
 * {@code && || ; | &}, newlines and parentheses; redirections and their targets, leading {@code VAR=value}
 * assignments and reserved words ({@code if then do ...}) are dropped; {@code $(...)}, {@code ${...}} and backquotes
 * stay inside their word. Comments run to the end of the line.
 *
 * <p>This is not a full shell parser (no expansion, no functions, {@code sh -c} strings are not descended into),
 * which is also the level hadolint's rules work at.
 *
 * @param commands the simple commands, in order
 */
public record ShellScript(List<ShellCommand> commands) {

    private static final Set<String> RESERVED_PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until",
            "!", "{", "time", "exec");
    private static final Set<String> RESERVED_ALONE = Set.of("fi", "done", "}", "esac", "then", "else", "do");

    public ShellScript {
        commands = List.copyOf(commands);
    }

    /** Parses {@code script}. Never fails: unbalanced quotes run to the end of the script. */
    public static ShellScript parse(String script) {
        return new Parser(script).parse();
    }

    /** True when any command is piped into another. */
    public boolean hasPipe() {
        return commands.stream().anyMatch(ShellCommand::pipesOut);
    }

    /** The commands whose name is {@code name}. */
    public List<ShellCommand> named(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).toList();
    }

    /** True when some command is named {@code name}. */
    public boolean runs(String name) {
        return commands.stream().anyMatch(c -> c.name().equals(name));
    }

    private static final class Parser {
        private final String text;
        private int position;
        private final List<ShellCommand> commands = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        private final List<String> raw = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private final StringBuilder rawWord = new StringBuilder();
        private boolean inWord;
        private boolean previousPipedIn;

        Parser(String text) {
            this.text = text;
        }

        ShellScript parse() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '\\' && position + 1 < text.length()) {
                    char escaped = text.charAt(position + 1);
                    position += 2;
                    if (escaped == '\n') {
                        continue;
                    }
                    append(escaped, "\\" + escaped);
                } else if (c == '\'') {
                    readSingleQuoted();
                } else if (c == '"') {
                    readDoubleQuoted();
                } else if (c == '$' && position + 1 < text.length()
                        && (text.charAt(position + 1) == '(' || text.charAt(position + 1) == '{')) {
                    readBalanced();
                } else if (c == '`') {
                    readBackquoted();
                } else if (c == '#' && !inWord) {
                    while (position < text.length() && text.charAt(position) != '\n') {
                        position++;
                    }
                } else if (c == '\n' || c == ';' || c == '(' || c == ')') {
                    endWord();
                    endCommand(false);
                    position++;
                } else if (c == '&') {
                    endWord();
                    if (position + 1 < text.length() && text.charAt(position + 1) == '>') {
                        readRedirection();
                        continue;
                    }
                    endCommand(false);
                    position += position + 1 < text.length() && text.charAt(position + 1) == '&' ? 2 : 1;
                } else if (c == '|') {
                    endWord();
                    boolean or = position + 1 < text.length() && text.charAt(position + 1) == '|';
                    endCommand(!or);
                    position += or ? 2 : 1;
                } else if (c == '>' || c == '<') {
                    boolean digitsOnly = inWord && word.chars().allMatch(Character::isDigit);
                    if (digitsOnly) {
                        word.setLength(0);
                        rawWord.setLength(0);
                        inWord = false;
                    } else {
                        endWord();
                    }
                    readRedirection();
                } else if (Character.isWhitespace(c)) {
                    endWord();
                    position++;
                } else {
                    append(c, String.valueOf(c));
                    position++;
                }
            }
            endWord();
            endCommand(false);
            return new ShellScript(commands);
        }

        private void append(char c, String rawText) {
            word.append(c);
            rawWord.append(rawText);
            inWord = true;
        }

        private void readSingleQuoted() {
            int end = text.indexOf('\'', position + 1);
            if (end < 0) {
                end = text.length();
            }
            word.append(text, position + 1, end);
            rawWord.append(text, position, Math.min(end + 1, text.length()));
            inWord = true;
            position = end + 1;
        }

        private void readDoubleQuoted() {
            rawWord.append('"');
            position++;
            inWord = true;
            while (position < text.length() && text.charAt(position) != '"') {
                char c = text.charAt(position);
                if (c == '\\' && position + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(position + 1)) >= 0) {
                    if (text.charAt(position + 1) != '\n') {
                        word.append(text.charAt(position + 1));
                    }
                    rawWord.append(c).append(text.charAt(position + 1));
                    position += 2;
                } else if (c == '$' && position + 1 < text.length()
                        && (text.charAt(position + 1) == '(' || text.charAt(position + 1) == '{')) {
                    readBalanced();
                } else {
                    word.append(c);
                    rawWord.append(c);
                    position++;
                }
            }
            rawWord.append('"');
            position++;
        }

        /** {@code $(...)} or {@code ${...}} kept verbatim in the current word. */
        private void readBalanced() {
            char open = text.charAt(position + 1);
            char close = open == '(' ? ')' : '}';
            int depth = 0;
            int start = position;
            position++;
            char quote = 0;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                    if (depth == 0) {
                        position++;
                        break;
                    }
                }
                position++;
            }
            String verbatim = text.substring(start, Math.min(position, text.length()));
            word.append(verbatim);
            rawWord.append(verbatim);
            inWord = true;
        }

        private void readBackquoted() {
            int end = text.indexOf('`', position + 1);
            if (end < 0) {
                end = text.length() - 1;
            }
            String verbatim = text.substring(position, end + 1);
            word.append(verbatim);
            rawWord.append(verbatim);
            inWord = true;
            position = end + 1;
        }

        /** Skips a redirection operator and its target word ({@code > /dev/null}, {@code 2>&1}, {@code <<<x}). */
        private void readRedirection() {
            while (position < text.length() && "<>&|".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (position < text.length() && text.charAt(position) == '-') {
                position++;
            }
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
            char quote = 0;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (Character.isWhitespace(c) || ";&|()<>".indexOf(c) >= 0) {
                    break;
                }
                position++;
            }
        }

        private void endWord() {
            if (inWord) {
                words.add(word.toString());
                raw.add(rawWord.toString());
                word.setLength(0);
                rawWord.setLength(0);
                inWord = false;
            }
        }

        private void endCommand(boolean pipesOut) {
            int first = 0;
            List<String> assignments = new ArrayList<>();
            while (first < words.size()) {
                String candidate = words.get(first);
                if (RESERVED_PREFIXES.contains(candidate) && raw.get(first).equals(candidate)) {
                    first++;
                } else if (isAssignment(raw.get(first))) {
                    assignments.add(candidate);
                    first++;
                } else {
                    break;
                }
            }
            if (first < words.size() && !(words.size() - first == 1 && RESERVED_ALONE.contains(words.get(first)))) {
                commands.add(new ShellCommand(assignments, List.copyOf(words.subList(first, words.size())),
                        List.copyOf(raw.subList(first, raw.size())), previousPipedIn, pipesOut));
                previousPipedIn = pipesOut;
            } else if (!pipesOut) {
                previousPipedIn = false;
            }
            words.clear();
            raw.clear();
        }

        private static boolean isAssignment(String rawWord) {
            int equals = rawWord.indexOf('=');
            if (equals <= 0) {
                return false;
            }
            for (int i = 0; i < equals; i++) {
                char c = rawWord.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '_') || i == 0 && Character.isDigit(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
