package dev.bulwark.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the CLI takes from the process, passed in so that tests run the real command line in-process with
 * their own streams, environment and working directory.
 *
 * @param out standard output: reports only
 * @param err standard error: logs, progress and error messages
 * @param env the environment variables
 * @param workingDir the directory relative paths and {@code bulwark.yaml} are resolved against
 * @param errIsTerminal true when standard error is an interactive terminal (progress bars, colours)
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir,
                             boolean errIsTerminal) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(err, "err is null");
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** The real process environment. */
    public static CliEnvironment system() {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return new CliEnvironment(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.getenv(),
                Path.of(""),
                terminal);
    }

    /** Environment variable {@code name}, or {@code null}. */
    public String getenv(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
