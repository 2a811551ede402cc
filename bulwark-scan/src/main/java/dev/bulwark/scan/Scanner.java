package dev.bulwark.scan;

import java.util.Locale;

/** The scanners a scan can run ({@code --scanners}); {@link #label()} is the option value. */
public enum Scanner {
    /** Match packages against the vulnerability database. */
    VULN,
    /** Hard-coded secrets in files and the image config. */
    SECRET,
    /** Misconfigurations in Dockerfiles, Kubernetes manifests and the image config. */
    MISCONFIG,
    /** Licenses (packages carry their declared licenses; reported in SBOM formats). */
    LICENSE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label such as {@code vuln}; throws {@link IllegalArgumentException} naming the accepted values. */
    public static Scanner parse(String label) {
        for (Scanner scanner : values()) {
            if (scanner.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return scanner;
            }
        }
        throw new IllegalArgumentException("unknown scanner '" + label + "' (expected vuln, secret, misconfig, "
                + "license)");
    }
}
