package dev.bulwark.core;

import java.util.Locale;

/**
 * Whether and how a vulnerability can be fixed in the installed package. The lower-case names are the values of
 * {@code --ignore-status} and of the JSON report, as in Trivy.
 */
public enum FixStatus {
    /** A fixed version exists. */
    FIXED,
    /** Affected and no fix is published yet. */
    AFFECTED,
    /** The vendor decided not to fix it. */
    WILL_NOT_FIX,
    /** The vendor will fix it later. */
    FIX_DEFERRED,
    /** The release is out of support, so no fix will come. */
    END_OF_LIFE,
    /** The vendor is still investigating. */
    UNDER_INVESTIGATION,
    /** A VEX statement or the vendor says the package is not affected. */
    NOT_AFFECTED,
    UNKNOWN;

    /** The name as users write it: {@code will_not_fix}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FixStatus parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + text + "' (expected one of fixed, affected, "
                    + "will_not_fix, fix_deferred, end_of_life, under_investigation, not_affected, unknown)");
        }
    }
}
