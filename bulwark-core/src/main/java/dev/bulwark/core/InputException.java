package dev.bulwark.core;

/**
 * The input cannot be used: unreadable, malformed or unsafe (path traversal, decompression bomb, digest mismatch).
 * Exit code 3.
 */
public final class InputException extends BulwarkException {

    public InputException(String source, String problem) {
        super(source, problem, null);
    }

    public InputException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
