package dev.bulwark.config.internal.image;

import dev.bulwark.config.internal.dockerfile.Dockerfile;
import dev.bulwark.config.internal.dockerfile.DockerfileParser;
import dev.bulwark.config.internal.dockerfile.DockerfileSyntaxException;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Words;
import dev.bulwark.core.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds Dockerfile instructions from an image config's {@code history}, so the Dockerfile rules can run on built
 * images. Each instruction's line number is the 1-based history step it came from. Two {@code created_by} formats
 * exist:
 * <ul>
 *   <li>classic builder: {@code /bin/sh -c #(nop)  ENV A=b} for metadata steps and {@code /bin/sh -c apk add x}
 *       (optionally prefixed by build arguments {@code |1 TOKEN=x /bin/sh -c ...}) for {@code RUN};</li>
 *   <li>BuildKit: the instruction as written with {@code # buildkit} appended, {@code RUN} carrying its shell
 *       ({@code RUN /bin/sh -c apk add x # buildkit}), {@code EXPOSE map[8080/tcp:{}]}.</li>
 * </ul>
 */
public final class HistoryInstructions {

    private static final Set<String> METADATA = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
    private static final Pattern NOP = Pattern.compile("^/bin/sh -c #\\(nop\\)\\s*(.*)$", Pattern.DOTALL);
    /** {@code |N NAME=value ... command}; N has at most 9 digits (fits an int; real counts have one or two). */
    private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d{1,9})\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern LEADING_WORD = Pattern.compile("\\S+\\s*");
    private static final Pattern SHELL_PREFIX = Pattern.compile(
            "^(/bin/sh|/bin/bash|/usr/bin/bash|/bin/ash|/bin/zsh|sh|bash|cmd /S /C|powershell)((?:\\s+-[a-zA-Z]+"
                    + "(?:\\s+pipefail|\\s+errexit|\\s+nounset)?)*)\\s+-c\\s+(.*)$",
            Pattern.DOTALL);
    private static final Pattern EXPOSE_MAP = Pattern.compile("^EXPOSE\\s+map\\[(.*)]\\s*$");
    private static final Pattern HEALTHCHECK_GO = Pattern.compile("^HEALTHCHECK\\s+&\\{\\[(.*?)]");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * A build argument exposed by a history step.
     *
     * @param step the 1-based history step
     * @param name the argument name
     * @param value its value at build time
     */
    public record BuildArg(int step, String name, String value) {
    }

    private HistoryInstructions() {
    }

    /** The history as a Dockerfile; unparseable steps are skipped. */
    public static Dockerfile rebuild(List<HistoryEntry> history) {
        List<Instruction> instructions = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            String createdBy = history.get(i).createdBy();
            Instruction instruction = createdBy == null ? null : toInstruction(createdBy.strip(), i + 1);
            if (instruction != null) {
                instructions.add(instruction);
            }
        }
        return new Dockerfile(instructions, List.of(), Map.of(), '\\', List.of());
    }

    /** The build arguments (name and value) that classic and BuildKit {@code RUN} steps record. */
    public static List<BuildArg> buildArgs(List<HistoryEntry> history) {
        List<BuildArg> args = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            String createdBy = history.get(i).createdBy();
            if (createdBy == null) {
                continue;
            }
            String text = stripBuildkitMarker(createdBy.strip());
            if (text.startsWith("RUN ")) {
                text = text.substring(4).strip();
            }
            Matcher matcher = BUILD_ARGS.matcher(text);
            if (!matcher.matches()) {
                continue;
            }
            int count = Integer.parseInt(matcher.group(1));
            List<String> words = Words.split(matcher.group(2), '\\');
            for (int w = 0; w < Math.min(count, words.size()); w++) {
                String word = words.get(w);
                int equals = word.indexOf('=');
                if (equals > 0) {
                    args.add(new BuildArg(i + 1, word.substring(0, equals), word.substring(equals + 1)));
                }
            }
        }
        return args;
    }

    static Instruction toInstruction(String createdBy, int step) {
        String text = stripBuildkitMarker(createdBy);
        Matcher nop = NOP.matcher(text);
        if (nop.matches()) {
            return metadata(nop.group(1).strip(), step);
        }
        if (text.startsWith("RUN ")) {
            return run(text.substring(4).strip(), step);
        }
        String keyword = text.split("\\s+", 2)[0];
        if (METADATA.contains(keyword)) {
            return metadata(text, step);
        }
        if (text.isEmpty()) {
            return null;
        }
        return run(text, step);
    }

    private static String stripBuildkitMarker(String text) {
        return text.endsWith("# buildkit") ? text.substring(0, text.length() - "# buildkit".length()).strip() : text;
    }

    /** A {@code RUN} from its recorded command line, with build arguments and the shell prefix removed. */
    private static Instruction run(String commandLine, int step) {
        String command = commandLine;
        Matcher args = BUILD_ARGS.matcher(command);
        if (args.matches()) {
            int count = Integer.parseInt(args.group(1));
            String rest = args.group(2);
            // At most as many words as there are: a count of 999999999 must not loop that often.
            for (int i = 0; i < count && !rest.isEmpty(); i++) {
                Matcher word = LEADING_WORD.matcher(rest);
                if (!word.lookingAt()) {
                    break;
                }
                rest = rest.substring(word.end());
            }
            command = rest;
        }
        Matcher shell = SHELL_PREFIX.matcher(command);
        if (shell.matches()) {
            command = shell.group(3);
            if (shell.group(2).contains("pipefail")) {
                command = "set -o pipefail\n" + command;
            }
        }
        return new Instruction("RUN", command, List.of(), command, Words.split(command, '\\'), null, List.of(),
                step, step, null);
    }

    private static Instruction metadata(String text, int step) {
        String normalized = normalize(text);
        try {
            Dockerfile parsed = DockerfileParser.parse(normalized.replace("\n", " "));
            if (parsed.instructions().size() != 1 || !parsed.problems().isEmpty()) {
                return null;
            }
            Instruction instruction = parsed.instructions().getFirst();
            return new Instruction(instruction.keyword(), instruction.arguments(), instruction.flags(),
                    instruction.rest(), instruction.words(), instruction.json(), List.of(), step, step,
                    instruction.inner());
        } catch (DockerfileSyntaxException e) {
            return null;
        }
    }

    /** Go-formatted values the builders print ({@code map[...]}, {@code &{[...] ...}}) as Dockerfile syntax. */
    private static String normalize(String text) {
        Matcher expose = EXPOSE_MAP.matcher(text);
        if (expose.matches()) {
            return "EXPOSE " + expose.group(1).replace(":{}", "").strip();
        }
        Matcher healthcheck = HEALTHCHECK_GO.matcher(text);
        if (healthcheck.find()) {
            List<String> test = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(healthcheck.group(1));
            while (quoted.find()) {
                test.add(quoted.group(1).replace("\\\"", "\""));
            }
            if (test.isEmpty() || test.getFirst().equals("NONE")) {
                return "HEALTHCHECK NONE";
            }
            return "HEALTHCHECK CMD " + String.join(" ", test.subList(1, test.size()));
        }
        if ((text.startsWith("ADD ") || text.startsWith("COPY ")) && text.contains(" in ")) {
            int in = text.lastIndexOf(" in ");
            return text.substring(0, in) + " " + text.substring(in + 4).strip();
        }
        return text;
    }
}
