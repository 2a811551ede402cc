package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code --scanners} option of commands that can run several scanners. */
final class ScannerOptions {

    static final List<String> SCANNERS = List.of("vuln", "secret", "misconfig", "license");

    @Option(names = "--scanners", split = ",", defaultValue = "vuln,secret", paramLabel = "SCANNER", order = 20,
            description = "Scanners to run, comma-separated: vuln, secret, misconfig, license "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> scanners;

    /** The selected scanners, validated. */
    Set<String> selected() {
        Set<String> result = new LinkedHashSet<>();
        for (String scanner : scanners) {
            String name = scanner.trim();
            if (!SCANNERS.contains(name)) {
                throw new UsageException("--scanners", "unknown scanner '" + name + "' (expected "
                        + String.join(", ", SCANNERS) + ")");
            }
            result.add(name);
        }
        return result;
    }
}
