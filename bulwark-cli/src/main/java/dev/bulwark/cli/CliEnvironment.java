package dev.bulwark.cli;

import java.io.InputStream;
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
 * @param in standard input ({@code --password-stdin})
 * @param outIsTerminal true when standard output is an interactive terminal (severity colours in tables)
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir,
                             boolean errIsTerminal, InputStream in, boolean outIsTerminal) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(err, "err is null");
        Objects.requireNonNull(in, "in is null");
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** An environment whose standard output is not a terminal. */
    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir,
                          boolean errIsTerminal, InputStream in) {
        this(out, err, env, workingDir, errIsTerminal, in, false);
    }

    /** An environment with an empty standard input. */
    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir,
                          boolean errIsTerminal) {
        this(out, err, env, workingDir, errIsTerminal, InputStream.nullInputStream());
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
                terminal,
                System.in,
                terminal);
    }

    /** Environment variable {@code name}, or {@code null}. */
    public String getenv(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
