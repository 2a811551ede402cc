package dev.bulwark.core;

/** The command line or configuration is invalid: unknown option, bad value, conflicting flags. Exit code 2. */
public final class UsageException extends BulwarkException {

    public UsageException(String source, String problem) {
        super(source, problem, null);
    }

    public UsageException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
