package dev.bulwark.scan.sbom;

import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import java.util.List;

/**
 * What an SBOM says is installed.
 *
 * @param format the document format, e.g. {@code CycloneDX JSON}, {@code SPDX tag-value}
 * @param subject the name of what the SBOM describes (image, directory), or {@code null}
 * @param os the distribution, from an operating-system component or the OS packages' {@code distro} qualifier
 * @param packages the packages that have a usable package URL
 * @param warnings components that were skipped, one line each
 */
public record SbomContents(String format, String subject, OperatingSystem os, List<Package> packages,
                           List<String> warnings) {

    public SbomContents {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }
}
