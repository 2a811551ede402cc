package dev.bulwark.config.internal.dockerfile;

/** A Dockerfile that BuildKit would reject; the message names the line. */
public final class DockerfileSyntaxException extends Exception {

    private final int line;

    public DockerfileSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
