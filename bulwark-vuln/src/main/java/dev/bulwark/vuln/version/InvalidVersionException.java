package dev.bulwark.vuln.version;

/** A string that is not a version of the scheme it was given to. */
public final class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String scheme, String version) {
        super("'" + version + "' is not a valid " + scheme + " version");
    }
}
