package dev.bulwark.core;

import java.util.Locale;

/**
 * How bad a finding is, in the five levels that Trivy, Grype and GitHub share, ordered from least to most severe so
 * that {@code compareTo} and {@link #atLeast} express gates such as {@code --fail-on HIGH}.
 */
public enum Severity {
    UNKNOWN,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /**
     * Parses a severity name case-insensitively; also accepts the synonyms advisory feeds use ({@code moderate},
     * {@code important}, {@code negligible}, {@code unimportant}, {@code none}).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Severity parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "unknown", "none", "unimportant", "not yet assigned", "untriaged" -> UNKNOWN;
            case "low", "negligible" -> LOW;
            case "medium", "moderate" -> MEDIUM;
            case "high", "important" -> HIGH;
            case "critical" -> CRITICAL;
            default -> throw new IllegalArgumentException(
                    "unknown severity '" + text + "' (expected UNKNOWN, LOW, MEDIUM, HIGH or CRITICAL)");
        };
    }

    /** The severity of a CVSS base score using the CVSS v3/v4 qualitative scale. */
    public static Severity ofCvssScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        if (score > 0.0) {
            return LOW;
        }
        return UNKNOWN;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
