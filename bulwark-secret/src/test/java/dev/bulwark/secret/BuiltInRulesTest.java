package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every built-in rule is well formed and finds its own sample ({@code secret/rule-samples.tsv}). */
class BuiltInRulesTest {

    private static final SecretScanner SCANNER = SecretScanner.withBuiltInRules();

    /** A rule's sample: the text, and the longest random part of the secret in it. */
    record Sample(String ruleId, String text, String secretPart) {
        @Override
        public String toString() {
            return ruleId;
        }
    }

    static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (InputStream in = BuiltInRulesTest.class.getResourceAsStream("/secret/rule-samples.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                samples.add(new Sample(columns[0], columns[1].replace("\\n", "\n"), columns[2]));
            }
        }
        return samples;
    }

    @Test
    void hasAtLeast120RulesWithUniqueIdsKeywordsAndTitles() {
        List<SecretRule> rules = SecretRuleSet.builtIn().rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(120);
        assertThat(rules).extracting(SecretRule::id).doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.origin()).isEqualTo(SecretRule.Origin.BUILT_IN);
            assertThat(rule.title()).isNotEqualTo(rule.id());
            assertThat(rule.category()).isNotBlank();
            if (!rule.pathOnly()) {
                assertThat(rule.keywords()).as(rule.id() + " keywords").isNotEmpty();
            }
        });
    }

    @Test
    void everyContentRuleHasASample() throws IOException {
        Set<String> sampled = new HashSet<>();
        samples().forEach(sample -> sampled.add(sample.ruleId()));
        List<String> missing = SecretRuleSet.builtIn().rules().stream().filter(rule -> !rule.pathOnly())
                .map(SecretRule::id).filter(id -> !sampled.contains(id)).toList();
        assertThat(missing).isEmpty();
    }

    static Stream<Sample> sampleStream() throws IOException {
        return samples().stream();
    }

    @ParameterizedTest
    @MethodSource("sampleStream")
    void findsItsSample(Sample sample) {
        List<SecretFinding> findings = SCANNER.scanContent(Location.of("sample.txt"),
                sample.text().getBytes(StandardCharsets.UTF_8), true);
        assertThat(findings).extracting(SecretFinding::ruleId).contains(sample.ruleId());
        assertThat(findings).allSatisfy(f -> assertThat(f.tags()).doesNotContain("example"));
    }

    @Test
    void reportsPathOnlyRulesWithoutReadingTheFile() throws IOException {
        List<SecretFinding> findings = SCANNER.scanFile(Location.of("/app/certs/client.p12"), 2048, true, () -> {
            throw new IOException("must not be opened");
        });
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("pkcs12-file");
            assertThat(f.redactedMatch()).isEqualTo("file detected: client.p12");
        });
    }
}
