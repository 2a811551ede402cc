package dev.bulwark.config.internal.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text the way BuildKit's frontend does: parser directives at the top ({@code syntax},
 * {@code escape}, {@code check}), comments, line continuations with the escape character (comment and empty lines
 * inside a continuation are dropped), here-documents after {@code RUN}/{@code COPY}/{@code ADD}, leading flags,
 * JSON (exec) and shell forms, and {@code ONBUILD} with its triggered instruction.
 *
 * <p>Variables are not expanded here; {@link Substitution} does that for the rules that need values.
 */
public final class DockerfileParser {

    /** The instructions BuildKit accepts; anything else is a syntax error there. */
    static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private static final Set<String> WITH_FLAGS = Set.of("ADD", "COPY", "FROM", "HEALTHCHECK", "RUN");
    private static final Set<String> WITH_HEREDOCS = Set.of("ADD", "COPY", "RUN");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("^\\d*<<(-?)(['\"]?)([^'\"<>\\s]+)\\2$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines;
    private final List<Comment> comments = new ArrayList<>();
    private final Map<String, String> directives = new LinkedHashMap<>();
    private final List<DockerfileSyntaxException> problems = new ArrayList<>();
    private char escape = '\\';
    private int next;

    private DockerfileParser(String text) {
        this.lines = text.lines().toList();
    }

    /**
     * Parses {@code text}. Lines BuildKit would reject (an unknown instruction, an unterminated here-document) are
     * kept as {@link Dockerfile#problems()} and parsing goes on, so the rest of the file is still checked; only
     * content that is not text at all throws.
     */
    public static Dockerfile parse(String text) throws DockerfileSyntaxException {
        if (text.indexOf('\0') >= 0) {
            throw new DockerfileSyntaxException(1, "binary content (NUL bytes) is not a Dockerfile");
        }
        DockerfileParser parser = new DockerfileParser(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return parser.run();
    }

    private Dockerfile run() throws DockerfileSyntaxException {
        readDirectives();
        List<Instruction> instructions = new ArrayList<>();
        while (next < lines.size()) {
            String line = lines.get(next);
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                next++;
            } else if (trimmed.startsWith("#")) {
                comments.add(new Comment(next + 1, trimmed.substring(1).strip()));
                next++;
            } else {
                try {
                    instructions.add(readInstruction());
                } catch (DockerfileSyntaxException e) {
                    problems.add(e);
                }
            }
        }
        return new Dockerfile(instructions, comments, directives, escape, problems);
    }

    private void readDirectives() {
        while (next < lines.size()) {
            Matcher matcher = DIRECTIVE.matcher(lines.get(next).strip());
            if (!matcher.matches()) {
                return;
            }
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN_DIRECTIVES.contains(name) || directives.containsKey(name)) {
                return;
            }
            directives.put(name, matcher.group(2));
            if (name.equals("escape")) {
                String value = matcher.group(2);
                if (value.equals("`")) {
                    escape = '`';
                }
            }
            next++;
        }
    }

    private Instruction readInstruction() throws DockerfileSyntaxException {
        int start = next + 1;
        StringBuilder logical = new StringBuilder();
        String line = lines.get(next++);
        while (true) {
            String content = stripContinuation(line);
            if (content == null) {
                logical.append(line);
                break;
            }
            logical.append(content);
            line = nextContinuationLine();
            if (line == null) {
                break;
            }
        }
        return build(logical.toString().strip(), start);
    }

    /** The line without its trailing escape character, or {@code null} when the line does not continue. */
    private String stripContinuation(String line) {
        String right = line.stripTrailing();
        if (!right.isEmpty() && right.charAt(right.length() - 1) == escape) {
            return right.substring(0, right.length() - 1);
        }
        return null;
    }

    /** The next line of a continued instruction, skipping comment and empty lines; {@code null} at end of file. */
    private String nextContinuationLine() {
        while (next < lines.size()) {
            String candidate = lines.get(next++);
            String trimmed = candidate.strip();
            if (trimmed.startsWith("#")) {
                comments.add(new Comment(next, trimmed.substring(1).strip()));
                continue;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            return candidate;
        }
        return null;
    }

    private Instruction build(String logical, int start) throws DockerfileSyntaxException {
        int space = indexOfWhitespace(logical);
        String keyword = (space < 0 ? logical : logical.substring(0, space)).toUpperCase(Locale.ROOT);
        String arguments = space < 0 ? "" : logical.substring(space).strip();
        if (!KEYWORDS.contains(keyword)) {
            throw new DockerfileSyntaxException(start, "unknown instruction: " + keyword);
        }
        Instruction inner = null;
        if (keyword.equals("ONBUILD")) {
            if (arguments.isEmpty()) {
                throw new DockerfileSyntaxException(start, "ONBUILD requires an instruction");
            }
            inner = build(arguments, start);
            return new Instruction(keyword, arguments, List.of(), arguments, Words.split(arguments, escape), null,
                    inner.heredocs(), start, Math.max(next, inner.endLine()), inner);
        }
        List<Flag> flags = new ArrayList<>();
        String rest = arguments;
        if (WITH_FLAGS.contains(keyword)) {
            rest = readFlags(arguments, flags);
        }
        List<String> json = parseJson(rest);
        List<Heredoc> heredocs = List.of();
        if (WITH_HEREDOCS.contains(keyword) && json == null) {
            heredocs = readHeredocs(rest, start);
        }
        List<String> words = json != null ? json : Words.split(rest, escape);
        return new Instruction(keyword, arguments, flags, rest, words, json, heredocs, start, next, null);
    }

    private String readFlags(String arguments, List<Flag> flags) {
        int position = 0;
        while (true) {
            while (position < arguments.length() && Character.isWhitespace(arguments.charAt(position))) {
                position++;
            }
            if (!arguments.startsWith("--", position)) {
                return arguments.substring(position);
            }
            int end = position;
            char quote = 0;
            while (end < arguments.length() && (quote != 0 || !Character.isWhitespace(arguments.charAt(end)))) {
                char c = arguments.charAt(end);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                end++;
            }
            String word = arguments.substring(position + 2, end);
            int equals = word.indexOf('=');
            if (equals < 0) {
                flags.add(new Flag(word.toLowerCase(Locale.ROOT), null));
            } else {
                String value = word.substring(equals + 1);
                List<String> unquoted = Words.split(value, escape);
                flags.add(new Flag(word.substring(0, equals).toLowerCase(Locale.ROOT),
                        unquoted.isEmpty() ? "" : String.join(" ", unquoted)));
            }
            position = end;
        }
    }

    /** The JSON array form as strings, or {@code null} when {@code rest} is not a JSON array of strings. */
    private static List<String> parseJson(String rest) {
        String trimmed = rest.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            if (!node.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                values.add(element.textValue());
            }
            return values;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private List<Heredoc> readHeredocs(String rest, int start) {
        List<Heredoc> heredocs = new ArrayList<>();
        for (String word : Words.splitRaw(rest, escape)) {
            Matcher matcher = HEREDOC.matcher(word);
            if (!matcher.matches()) {
                continue;
            }
            boolean stripTabs = !matcher.group(1).isEmpty();
            boolean expand = matcher.group(2).isEmpty();
            String name = matcher.group(3);
            int bodyStart = next + 1;
            StringBuilder body = new StringBuilder();
            boolean closed = false;
            while (next < lines.size()) {
                String line = lines.get(next++);
                String candidate = stripTabs ? line.replaceFirst("^\t+", "") : line;
                if (candidate.equals(name)) {
                    closed = true;
                    break;
                }
                body.append(candidate).append('\n');
            }
            if (!closed) {
                problems.add(new DockerfileSyntaxException(start, "unterminated heredoc <<" + name + " (no line '"
                        + name + "' closes it)"));
            }
            heredocs.add(new Heredoc(name, body.toString(), expand, bodyStart, next));
        }
        return heredocs;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
