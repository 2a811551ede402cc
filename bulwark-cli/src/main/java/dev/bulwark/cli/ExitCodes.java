package dev.bulwark.cli;

/**
 * The process exit codes, stable across releases because CI pipelines branch on them. The value of
 * {@code --exit-code} is returned when findings hit the gate; it should differ from these (the README suggests 1 or
 * 10+).
 */
public final class ExitCodes {

    /** The command ran and no gate was hit. */
    public static final int OK = 0;
    /** An internal error: a bug in Bulwark (run with {@code --debug} for the stack trace). */
    public static final int INTERNAL = 1;
    /** Invalid command line or configuration. */
    public static final int USAGE = 2;
    /** The input (image, file, directory, SBOM) is unreadable, malformed or unsafe. */
    public static final int INPUT = 3;
    /** The vulnerability database is missing or invalid. */
    public static final int DATABASE = 4;

    private ExitCodes() {
    }
}
