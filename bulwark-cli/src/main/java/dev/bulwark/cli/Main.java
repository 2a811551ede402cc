package dev.bulwark.cli;

/** Process entry point: runs the command line and exits with its exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliEnvironment environment = CliEnvironment.system();
        int code = run(environment, args);
        environment.out().flush();
        environment.err().flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code (see {@link ExitCodes}); never calls {@code System.exit}. */
    public static int run(CliEnvironment environment, String... args) {
        return new BulwarkCli(environment).execute(args);
    }
}
