package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the module unmasked: not in any string a finding carries (every field, its tags, its
 * {@code toString}), not in log records (SLF4J routed to java.util.logging and captured at the finest level), not in
 * exception messages.
 */
class NoSecretLeaksTest {

    private final SecretScanner scanner = SecretScanner.withBuiltInRules();
    private final List<String> logged = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger module = Logger.getLogger("dev.bulwark");
    private Level oldLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                text.append(' ').append(record.getThrown());
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        oldLevel = module.getLevel();
        module.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        root.removeHandler(capture);
        module.setLevel(oldLevel);
    }

    /** Every string a finding exposes. */
    private static List<String> strings(SecretFinding finding) {
        List<String> all = new ArrayList<>(List.of(finding.ruleId(), finding.category(), finding.title(),
                finding.location().path(), finding.redactedMatch(), finding.redactedLine(), finding.toString()));
        all.addAll(finding.tags());
        return all;
    }

    /** Fails when a text holds 8 consecutive characters from the masked middle of the secret. */
    private static void assertNoMiddleOf(String secret, List<String> texts) {
        int keep = Math.min(4, secret.length() / 5);
        for (int i = keep; i + 8 <= secret.length() - keep; i++) {
            String window = secret.substring(i, i + 8);
            for (String text : texts) {
                assertThat(text).as("leaks part of a secret").doesNotContain(window);
            }
        }
    }

    @Test
    void findingsAndLogsOfEveryRuleSampleHoldOnlyMaskedSecrets() throws IOException {
        for (BuiltInRulesTest.Sample sample : BuiltInRulesTest.samples()) {
            byte[] content = (sample.text() + "\n").getBytes(StandardCharsets.UTF_8);
            List<SecretFinding> findings = new ArrayList<>(scanner.scanFile(new Location("/app/" + sample.ruleId(),
                    null), content.length, true, () -> new ByteArrayInputStream(content)));
            findings.addAll(scanner.scanImageConfig(new ImageConfig("", List.of(sample.text()), List.of(), List.of(),
                    "", List.of(), Map.of(), List.of(), "", List.of(new HistoryEntry(null,
                            "|1 ARG=" + sample.text().replace('\n', ' ') + " /bin/sh -c true", null, false)))));
            assertThat(findings).as(sample.ruleId()).isNotEmpty();
            List<String> texts = new ArrayList<>(logged);
            findings.forEach(f -> texts.addAll(strings(f)));
            if (!sample.secretPart().equals("-")) {
                assertNoMiddleOf(sample.secretPart(), texts);
            }
        }
    }

    @Test
    void plantedSecretsOfTheCorpusImageAreMaskedEverywhere() throws IOException {
        CorpusImageScan.Result result = CorpusImageScan.scan(Corpus.require("images/alpine-3.20.3-app.oci.tar"),
                scanner);
        List<String> texts = new ArrayList<>(logged);
        result.files().forEach(f -> texts.addAll(strings(f)));
        result.config().forEach(f -> texts.addAll(strings(f)));
        for (String secret : List.of("ghp_hV7pB9pzxsQmeuWGjSoIC5bBBsWEwpPsmaEf", "AKIAUAJ4FRX6T5Z3APV4",
                "zBFJ/YH28tnWMfUTT/BPBkHfGGT/3UW9NeUd5ewK", "N6upoPjy3OFBvphY1cTIe11nv0m9kAh3FHWfGxFW",
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "MIIEowIBAAKCAQEAgm62DslxGjYFbHlWGj2IQXNBzLqszazLu6kaHMT361M2VFyp",
                "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0kiGlBsmGT0OhjYY")) {
            assertNoMiddleOf(secret, texts);
        }
        assertThat(result.files()).isNotEmpty();
    }

    @Test
    void aFailingReadNamesThePathButNotTheContent() {
        String secret = "ghp_hV7pB9pzxsQmeuWGjSoIC5bBBsWEwpPsmaEf";
        byte[] half = ("GITHUB_TOKEN=" + secret).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> scanner.scanFile(Location.of("/app/.env"), 4096, true, () -> new InputStream() {
            private final InputStream delegate = new ByteArrayInputStream(half);

            @Override
            public int read() throws IOException {
                int b = delegate.read();
                if (b < 0) {
                    throw new IOException("truncated tar entry");
                }
                return b;
            }
        })).isInstanceOf(IOException.class).hasMessageContaining("/app/.env")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret.substring(4, 20)));
    }
}
