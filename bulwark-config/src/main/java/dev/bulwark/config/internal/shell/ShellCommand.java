package dev.bulwark.config.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * One simple command of a {@link ShellScript}.
 *
 * @param assignments the {@code NAME=value} words before the command, quotes removed
 * @param words the command name and its arguments, quotes removed
 * @param rawWords the same words as written (quotes kept)
 * @param pipedIn true when the previous command pipes into this one
 * @param pipesOut true when this command pipes into the next one
 */
public record ShellCommand(List<String> assignments, List<String> words, List<String> rawWords, boolean pipedIn, boolean pipesOut) {

    public ShellCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        rawWords = List.copyOf(rawWords);
    }

    /** The program, without a directory ({@code /usr/bin/apt-get} is {@code apt-get}). */
    public String name() {
        String first = words.getFirst();
        int slash = first.lastIndexOf('/');
        return slash >= 0 && slash < first.length() - 1 ? first.substring(slash + 1) : first;
    }

    /** The arguments after the program. */
    public List<String> args() {
        return words.subList(1, words.size());
    }

    /** True when some argument equals {@code argument}. */
    public boolean hasArg(String argument) {
        return args().contains(argument);
    }

    /** True when the arguments include every one of {@code arguments}. */
    public boolean hasArgs(String... arguments) {
        for (String argument : arguments) {
            if (!hasArg(argument)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when any of {@code flags} is given: long flags ({@code --yes}) literally or as {@code --yes=value}, short
     * flags ({@code -y}) also inside a group ({@code -qy}).
     */
    public boolean hasFlag(String... flags) {
        for (String arg : args()) {
            if (arg.equals("--")) {
                return false;
            }
            for (String flag : flags) {
                if (arg.equals(flag)) {
                    return true;
                }
                if (flag.startsWith("--")) {
                    if (arg.startsWith(flag + "=")) {
                        return true;
                    }
                } else if (flag.length() == 2 && flag.charAt(0) == '-' && arg.length() > 2 && arg.charAt(0) == '-'
                        && arg.charAt(1) != '-' && arg.indexOf(flag.charAt(1), 1) > 0
                        && arg.chars().skip(1).allMatch(Character::isLetterOrDigit)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The arguments that do not start with {@code -}. */
    public List<String> positionalArgs() {
        List<String> result = new ArrayList<>();
        for (String arg : args()) {
            if (!arg.startsWith("-")) {
                result.add(arg);
            }
        }
        return result;
    }

    /**
     * The positional arguments, treating each of {@code valueFlags} as taking the next word as its value (so
     * {@code -o Dpkg::Options=x install pkg} yields {@code install pkg}).
     */
    public List<String> positionalArgs(List<String> valueFlags) {
        List<String> result = new ArrayList<>();
        List<String> args = args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-")) {
                if (valueFlags.contains(arg)) {
                    i++;
                }
            } else {
                result.add(arg);
            }
        }
        return result;
    }

    /** The value assigned to {@code name} before the command ({@code NAME=value cmd}), or {@code null}. */
    public String assignment(String name) {
        for (String assignment : assignments) {
            if (assignment.startsWith(name + "=")) {
                return assignment.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The command as one line. */
    public String text() {
        return String.join(" ", rawWords);
    }
}
