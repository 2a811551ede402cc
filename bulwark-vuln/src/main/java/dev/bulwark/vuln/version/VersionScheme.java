package dev.bulwark.vuln.version;

/**
 * The order of one ecosystem's versions. Every ecosystem compares with its own rules (dpkg, rpm, apk, Maven, ...);
 * comparing with the wrong scheme silently gives wrong matches, so each matcher picks exactly one.
 */
public interface VersionScheme {

    /** A stable name, e.g. {@code dpkg}, used in test data and provenance. */
    String name();

    /**
     * Compares two versions of this scheme.
     *
     * @return negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}
     * @throws InvalidVersionException when either string is not a version of this scheme
     */
    int compare(String a, String b);

    /** True when {@code version} is a valid version of this scheme. */
    default boolean isValid(String version) {
        try {
            compare(version, version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }
}
