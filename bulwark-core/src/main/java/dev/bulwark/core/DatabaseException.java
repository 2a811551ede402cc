package dev.bulwark.core;

/** The vulnerability database is missing, corrupt or of an unsupported schema. Exit code 4. */
public final class DatabaseException extends BulwarkException {

    public DatabaseException(String source, String problem) {
        super(source, problem, null);
    }

    public DatabaseException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
