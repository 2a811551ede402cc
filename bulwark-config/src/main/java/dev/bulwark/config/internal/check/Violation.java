package dev.bulwark.config.internal.check;

/**
 * One place where a check fails.
 *
 * @param startLine first line, 1-based (0 when the input has no lines, like an image config)
 * @param endLine last line
 * @param resource the Kubernetes resource or Dockerfile stage, or empty
 * @param message what is wrong here
 */
public record Violation(int startLine, int endLine, String resource, String message) {

    public Violation {
        resource = resource == null ? "" : resource;
    }
}
