package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the secret scanner's two inputs: file content scanned with the built-in rules (text sniffing, keyword
 * prefilter, line index, entropy, redaction) and gitleaks TOML configs (TOML, rule and allowlist keys, extends, RE2
 * translation). Contract: content never makes the scanner throw and every finding points at lines of the file; a
 * config either loads into rules that scan, or fails with an {@link InputException} naming the file.
 */
class SecretFuzzTest {

    private static final SecretScanner BUILT_IN = SecretScanner.withBuiltInRules();
    private static final byte[] SAMPLE = ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\npassword: \"hunter2hunter2\"\n"
            + "token=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void scansContent(byte[] data) {
        long lines = 1;
        for (byte b : data) {
            lines += b == '\n' ? 1 : 0;
        }
        for (SecretFinding finding : BUILT_IN.scanContent(Location.of("/app/.env"), data, true)) {
            assertThat(finding.startLine()).isBetween(1, (int) lines);
            assertThat(finding.endLine()).isBetween(finding.startLine(), (int) lines);
            assertThat(finding.redactedMatch()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void loadsGitleaksConfig(byte[] data) throws IOException {
        Path file = temp.resolve("gitleaks.toml");
        Files.write(file, data);
        SecretRuleSet rules;
        try {
            rules = SecretRuleSet.loadGitleaksConfig(file);
        } catch (InputException expected) {
            assertThat(expected.getMessage()).contains("gitleaks.toml");
            return;
        }
        SecretScanner.create(rules, SecretScanOptions.defaults()).scanContent(Location.of("/app/.env"), SAMPLE, true);
    }
}
