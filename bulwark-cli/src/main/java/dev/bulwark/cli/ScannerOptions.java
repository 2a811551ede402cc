package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import dev.bulwark.scan.Scanner;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code --scanners} option of commands that can run several scanners. */
final class ScannerOptions {

    @Option(names = "--scanners", split = ",", paramLabel = "SCANNER", order = 20,
            description = "Scanners to run, comma-separated: vuln, secret, misconfig, license (default: vuln,secret; "
                    + "none for --format cyclonedx and spdx-json, which then write a plain SBOM).")
    List<String> scanners;

    @Option(names = "--secret-config", paramLabel = "FILE", order = 25,
            description = "gitleaks TOML config for the secret scanner (replaces the built-in rules unless it says "
                    + "[extend] useDefault = true).")
    java.nio.file.Path secretConfig;

    /** The selected scanners, validated; the default depends on the format. */
    Set<Scanner> selected(String format) {
        if (scanners == null) {
            return format.equals("cyclonedx") || format.equals("spdx-json") ? EnumSet.noneOf(Scanner.class)
                    : EnumSet.of(Scanner.VULN, Scanner.SECRET);
        }
        Set<Scanner> result = EnumSet.noneOf(Scanner.class);
        for (String scanner : scanners) {
            if (scanner.isBlank() || scanner.equals("none")) {
                continue;
            }
            try {
                result.add(Scanner.parse(scanner));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--scanners", e.getMessage());
            }
        }
        return result;
    }
}
