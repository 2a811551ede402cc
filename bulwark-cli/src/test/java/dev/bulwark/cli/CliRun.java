package dev.bulwark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process and captures what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDir, Map<String, String> env, String... args) {
        return runWithInput(workingDir, env, "", args);
    }

    /** Runs with {@code stdin} as standard input. */
    static CliRun runWithInput(Path workingDir, Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), env,
                workingDir, false, new java.io.ByteArrayInputStream(stdin.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
