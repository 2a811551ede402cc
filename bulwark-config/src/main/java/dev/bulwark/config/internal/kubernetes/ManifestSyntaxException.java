package dev.bulwark.config.internal.kubernetes;

/** A YAML or JSON manifest that cannot be read; the message names the line when known. */
public final class ManifestSyntaxException extends Exception {

    public ManifestSyntaxException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
    }
}
