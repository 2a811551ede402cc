package dev.bulwark.core;

import java.util.Objects;

/**
 * A CVSS rating as an advisory states it.
 *
 * @param version {@code 2.0}, {@code 3.0}, {@code 3.1} or {@code 4.0}
 * @param vector the vector string, e.g. {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H}
 * @param baseScore the computed base score (0.0 to 10.0)
 * @param source who gave it, e.g. {@code nvd}, {@code ghsa}, {@code redhat}, or the advisory id's database
 */
public record Cvss(String version, String vector, double baseScore, String source) {

    public Cvss {
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(vector, "vector is null");
        if (baseScore < 0.0 || baseScore > 10.0) {
            throw new IllegalArgumentException("CVSS base score out of range: " + baseScore);
        }
    }

    public Severity severity() {
        return Severity.ofCvssScore(baseScore);
    }
}
