package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.Package;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The findings of one target of a scan: the OS packages, one language lockfile/binary/jar, the image config, or one
 * file (config file, file holding secrets).
 *
 * @param target the target's name: a path, {@code (image config)}, or the distribution for OS packages
 * @param kind what the target is
 * @param type the packaging or file type: {@code apk}, {@code jar}, {@code npm}, {@code dockerfile}, ...
 * @param packages the packages it holds
 * @param vulnerabilities vulnerabilities of those packages
 * @param secrets secrets found in it
 * @param misconfigurations failed configuration checks
 * @param suppressed findings that an ignore file or VEX statement suppressed (shown with {@code --show-suppressed})
 */
public record Result(String target, Kind kind, String type, List<Package> packages,
                     List<VulnerabilityFinding> vulnerabilities, List<SecretFinding> secrets,
                     List<Misconfiguration> misconfigurations, List<Suppressed> suppressed) {

    /** Kinds of targets; {@link #label()} is the JSON value (Trivy's {@code Class} names where they exist). */
    public enum Kind {
        OS_PACKAGES("os-pkgs"),
        LANGUAGE_PACKAGES("lang-pkgs"),
        IMAGE_CONFIG("image-config"),
        CONFIG("config"),
        SECRET("secret");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown result kind '" + label + "'");
        }
    }

    public Result {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(kind, "kind is null");
        type = type == null ? "" : type;
        packages = List.copyOf(packages);
        vulnerabilities = List.copyOf(vulnerabilities);
        secrets = List.copyOf(secrets);
        misconfigurations = List.copyOf(misconfigurations);
        suppressed = List.copyOf(suppressed);
    }

    /** Every reported finding: vulnerabilities, then secrets, then misconfigurations. */
    public Stream<Finding> findings() {
        return Stream.of(vulnerabilities.stream(), secrets.stream(), misconfigurations.stream())
                .flatMap(s -> s.map(Finding.class::cast));
    }

    /** True when the target has neither packages nor findings nor suppressed findings. */
    public boolean isEmpty() {
        return packages.isEmpty() && vulnerabilities.isEmpty() && secrets.isEmpty() && misconfigurations.isEmpty()
                && suppressed.isEmpty();
    }

    /** A copy with other findings. */
    public Result withFindings(List<VulnerabilityFinding> newVulnerabilities, List<SecretFinding> newSecrets,
                               List<Misconfiguration> newMisconfigurations, List<Suppressed> newSuppressed) {
        return new Result(target, kind, type, packages, newVulnerabilities, newSecrets, newMisconfigurations,
                newSuppressed);
    }

    /** A copy with other packages. */
    public Result withPackages(List<Package> newPackages) {
        return new Result(target, kind, type, newPackages, vulnerabilities, secrets, misconfigurations, suppressed);
    }
}
