package dev.bulwark.core;

/**
 * Something a scan reports. The set is closed so that every report format handles every kind (exhaustive
 * {@code switch}); a new kind of finding is a deliberate change to all of them.
 */
public sealed interface Finding permits VulnerabilityFinding, SecretFinding, Misconfiguration {

    /** The identifier users search for and suppress by: a CVE/GHSA id, a secret rule id, a check id. */
    String id();

    Severity severity();

    /** A one-line title. */
    String title();

    /** Where it was found. */
    Location location();
}
