package dev.bulwark.config;

import java.util.Locale;

/**
 * A compliance profile that restricts a scan to its controls ({@code --compliance}). The Pod Security Standards
 * profiles are cumulative: restricted includes every baseline control.
 */
public enum Compliance {
    PSS_BASELINE("pss-baseline"),
    PSS_RESTRICTED("pss-restricted");

    private final String label;

    Compliance(String label) {
        this.label = label;
    }

    /** The name used on the command line and as the tag of the checks in the profile. */
    public String label() {
        return label;
    }

    /** The check tags the profile consists of (restricted includes baseline). */
    public java.util.Set<String> tags() {
        return switch (this) {
            case PSS_BASELINE -> java.util.Set.of(PSS_BASELINE.label);
            case PSS_RESTRICTED -> java.util.Set.of(PSS_BASELINE.label, PSS_RESTRICTED.label);
        };
    }

    /** Parses {@code pss-baseline} or {@code pss-restricted} (case-insensitive). */
    public static Compliance parse(String text) {
        for (Compliance compliance : values()) {
            if (compliance.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return compliance;
            }
        }
        throw new IllegalArgumentException("unknown compliance profile '" + text
                + "' (expected pss-baseline or pss-restricted)");
    }
}
