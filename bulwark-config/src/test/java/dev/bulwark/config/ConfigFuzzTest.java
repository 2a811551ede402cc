package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes misconfiguration scanning through its public API, parsers and every check together: the Dockerfile parser
 * (directives, continuations, heredocs, JSON forms, flags, variable substitution) with the shell-aware rules, the
 * Kubernetes YAML and JSON readers (aliases, nesting and node budgets) with the resource and cluster checks, and
 * image history. Contract: a malformed file is a {@link FileError} in the report, never an exception, and every
 * finding names a check and a file.
 */
class ConfigFuzzTest {

    private static final ConfigScanner SCANNER = ConfigScanner.create(ConfigScanOptions.defaults());

    @FuzzTest(maxDuration = "5m")
    void dockerfile(byte[] data) {
        scan("Dockerfile", data);
    }

    @FuzzTest(maxDuration = "5m")
    void kubernetesYaml(byte[] data) {
        scan("deploy/app.yaml", data);
    }

    @FuzzTest(maxDuration = "5m")
    void kubernetesJson(byte[] data) {
        scan("deploy/app.json", data);
    }

    /** Each line of the input is one history step's {@code created_by}, as in an image config. */
    @FuzzTest(maxDuration = "5m")
    void imageHistory(byte[] data) {
        List<HistoryEntry> history = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n", 64)) {
            history.add(new HistoryEntry(null, line, null, line.startsWith("/bin/sh -c #(nop)")));
        }
        ConfigScan scan = SCANNER.newScan();
        scan.addImageConfig(new ImageConfig("", List.of(), List.of(), List.of(), "", List.of(), Map.of(), List.of(),
                "", history), "image");
        check(scan.finish());
    }

    private static void scan(String path, byte[] data) {
        ConfigScan scan = SCANNER.newScan();
        scan.add(path, new ByteArrayInputStream(data));
        check(scan.finish());
    }

    private static void check(ConfigReport report) {
        for (Misconfiguration finding : report.findings()) {
            assertThat(finding.checkId()).isNotBlank();
            assertThat(finding.location()).isNotNull();
        }
        for (FileError error : report.errors()) {
            assertThat(error.message()).isNotBlank();
        }
    }
}
