package dev.bulwark.config.peers;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.ConfigScan;
import dev.bulwark.config.ConfigScanOptions;
import dev.bulwark.config.ConfigScanner;
import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs Bulwark through its public API the way the peer tests need it. */
final class Bulwark {

    private final ConfigScanner scanner = ConfigScanner.create(ConfigScanOptions.defaults());

    /** The ids of the Bulwark checks that name {@code peerCheck} among their aliases. */
    Set<String> equivalents(String peerCheck) {
        return scanner.checks().stream().filter(c -> c.isNamed(peerCheck)).map(CheckDescriptor::id)
                .collect(Collectors.toSet());
    }

    /** Scans named in-memory files together (one scan, so cross-file checks see all of them). */
    ConfigReport scan(Map<String, String> files) {
        ConfigScan scan = scanner.newScan();
        files.forEach((name, text) -> scan.add(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        return scan.finish();
    }

    ConfigReport scan(String name, String text) {
        return scan(Map.of(name, text));
    }

    /** How many findings of {@code checks} the report holds. */
    static long count(ConfigReport report, Set<String> checks) {
        return report.findings().stream().map(Misconfiguration::checkId).filter(checks::contains).count();
    }

    static List<Misconfiguration> of(ConfigReport report, Set<String> checks) {
        return report.findings().stream().filter(f -> checks.contains(f.checkId())).toList();
    }
}
