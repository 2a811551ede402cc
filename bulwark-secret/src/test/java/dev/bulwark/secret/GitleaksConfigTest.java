package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.secret.internal.GitleaksConfigLoader;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gitleaks TOML configs load with gitleaks' meaning: gitleaks' own test configs (valid ones load, invalid ones fail
 * naming the file) and gitleaks' default config, whose 222 RE2 rules must all translate and still find gitleaks'
 * true positives.
 */
class GitleaksConfigTest {

    /** gitleaks' test configs write extend paths relative to a sibling of testdata/. */
    private static SecretRuleSet load(Path file) {
        Path testdata = Corpus.require("secrets/testdata");
        return GitleaksConfigLoader.load(file, SecretRuleSet.builtIn(), testdata);
    }

    static Stream<Path> validConfigs() throws IOException {
        Path dir = Corpus.require("secrets/testdata/config");
        try (Stream<Path> top = Files.list(dir); Stream<Path> valid = Files.list(dir.resolve("valid"))) {
            // extend_base_1/2 are bases of extend.toml: alone they reach a third level that does not exist.
            return Stream.concat(top.filter(p -> p.toString().endsWith(".toml")).toList().stream(),
                    valid.filter(p -> p.toString().endsWith(".toml"))
                            .filter(p -> !p.getFileName().toString().matches("extend_base_[12]\\.toml"))
                            .toList().stream());
        }
    }

    static Stream<Path> invalidConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.require("secrets/testdata/config/invalid"))) {
            return files.filter(p -> p.toString().endsWith(".toml")).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validConfigs")
    void loadsGitleaksValidTestConfig(Path file) {
        SecretRuleSet rules = load(file);
        assertThat(rules.warnings()).noneMatch(w -> w.contains("left out") && !w.contains("has keywords but"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void rejectsGitleaksInvalidTestConfigNamingTheFile(Path file) {
        assertThatThrownBy(() -> load(file)).isInstanceOf(InputException.class)
                .hasMessageContaining(file.getFileName().toString());
    }

    @Test
    void extendsBaseConfigsTwoLevelsDeep() {
        SecretRuleSet rules = load(Corpus.require("secrets/testdata/config/valid/extend.toml"));
        assertThat(rules.rules()).extracting(SecretRule::id)
                .containsExactlyInAnyOrder("aws-secret-key-again", "aws-access-key", "aws-secret-key");
        assertThat(rules.warnings()).anyMatch(w -> w.contains("at most 2 levels"));
    }

    @Test
    void disabledRulesAreLeftOutOfTheBase() {
        SecretRuleSet rules = load(Corpus.require("secrets/testdata/config/valid/extend_disabled.toml"));
        assertThat(rules.rules()).extracting(SecretRule::id)
                .containsExactlyInAnyOrder("aws-secret-key", "pypi-upload-token");
    }

    @Test
    void aRuleWithTheIdOfABaseRuleOverridesItsFields() {
        SecretRule rule = load(Corpus.require("secrets/testdata/config/valid/extend_rule_override_regex.toml"))
                .rule("aws-access-key").orElseThrow();
        assertThat(rule.regex().pattern()).isEqualTo("(?:a)");
        assertThat(rule.tags()).containsExactly("key", "AWS");
        SecretRule withKeywords = load(Corpus.require(
                "secrets/testdata/config/valid/extend_rule_override_keywords.toml")).rule("aws-access-key").orElseThrow();
        assertThat(withKeywords.keywords()).containsExactly("puppy");
    }

    @Test
    void targetedGlobalAllowlistsApplyToTheirRulesOnly() {
        SecretRuleSet rules = load(Corpus.require("secrets/testdata/config/valid/allowlist_global_target_rules.toml"));
        assertThat(rules.rule("github-pat").orElseThrow().allowlists()).hasSize(1);
        assertThat(rules.rule("github-app-token").orElseThrow().allowlists()).hasSize(1);
        assertThat(rules.rule("github-oauth").orElseThrow().allowlists()).isEmpty();
        assertThat(rules.allowlists()).hasSize(1);
    }

    @Test
    void useDefaultExtendsTheBuiltInRules() {
        SecretRuleSet rules = load(Corpus.require("secrets/testdata/config/valid/allowlist_rule_extend_default.toml"));
        assertThat(rules.rules()).hasSameSizeAs(SecretRuleSet.builtIn().rules());
        SecretRule generic = rules.rule("generic-api-key").orElseThrow();
        assertThat(generic.allowlists().getLast().pathAllowed("path/to/your/problematic/file.js")).isTrue();
        assertThat(generic.origin()).isEqualTo(SecretRule.Origin.BUILT_IN);
    }

    @Test
    void compositeRulesReportOnlyWhenTheRequiredRuleMatchesToo() {
        SecretScanner scanner = SecretScanner.create(load(Corpus.require("secrets/testdata/config/composite.toml")),
                SecretScanOptions.defaults());
        byte[] both = "username = \"admin\"\npassword = \"hunter2\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] alone = "password = \"hunter2\"\n".getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scanContent(Location.of("app.cfg"), both, true)).extracting(SecretFinding::ruleId)
                .containsExactly("primary-rule");
        assertThat(scanner.scanContent(Location.of("app.cfg"), alone, true)).isEmpty();
    }

    @Test
    void pathOnlyRulesReportMatchingFiles() throws IOException {
        SecretScanner scanner = SecretScanner.create(load(Corpus.require(
                "secrets/testdata/config/valid/rule_path_only.toml")), SecretScanOptions.defaults());
        assertThat(scanner.scanFile(Location.of("/src/app.py"), 10, true, () -> {
            throw new IOException("not read");
        })).extracting(SecretFinding::ruleId).containsExactly("python-files-only");
    }

    @Test
    void unsupportedRegexLeavesTheRuleOutNamingRuleAndConstruct(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("c.toml");
        Files.writeString(config, """
                [[rules]]
                id = "lazy"
                regex = '''(?U)token=(\\w+)'''

                [[rules]]
                id = "fine"
                regex = '''token=(\\w+)'''
                """);
        SecretRuleSet rules = SecretRuleSet.loadGitleaksConfig(config);
        assertThat(rules.rules()).extracting(SecretRule::id).containsExactly("fine");
        assertThat(rules.warnings()).singleElement().asString().contains("rule lazy").contains("(?U)");
    }

    @Test
    void reportsValuesOfTheWrongTypeWithTheFileName(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("typed.toml");
        Files.writeString(config, "[[rules]]\nid = \"x\"\nregex = 5\n");
        assertThatThrownBy(() -> SecretRuleSet.loadGitleaksConfig(config)).isInstanceOf(InputException.class)
                .hasMessageContaining("typed.toml");
        Files.writeString(config, "[[rules]]\nid = \"x\"\nregex = 'a'\nkeywords = 'a'\n");
        assertThatThrownBy(() -> SecretRuleSet.loadGitleaksConfig(config)).isInstanceOf(InputException.class)
                .hasMessageContaining("keywords");
    }

    @Test
    void reportsTomlSyntaxErrorsWithTheFileName(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("broken.toml");
        Files.writeString(config, "[[rules]\nid = ");
        assertThatThrownBy(() -> SecretRuleSet.loadGitleaksConfig(config)).isInstanceOf(InputException.class)
                .hasMessageContaining("broken.toml").hasMessageContaining("not valid TOML");
    }

    @Test
    void gitleaksDefaultConfigTranslatesEveryRuleAndFindsItsOwnTruePositives() throws IOException {
        SecretRuleSet rules = SecretRuleSet.loadGitleaksConfig(Corpus.require("secrets/gitleaks.toml"));
        assertThat(rules.rules()).hasSize(222);
        assertThat(rules.warnings()).noneMatch(w -> w.contains("left out"));

        SecretScanner scanner = SecretScanner.create(rules, SecretScanOptions.defaults());
        GitleaksCases cases = GitleaksCases.load(Corpus.require("secrets/gitleaks-rule-cases.jsonl"));
        List<GitleaksCases.Case> positives = cases.cases().stream().filter(GitleaksCases.Case::truePositive)
                .filter(c -> rules.rule(c.ruleId()).isPresent()).toList();
        List<GitleaksCases.Case> missed = positives.stream().filter(c -> scanner.scanContent(Location.of("case.txt"),
                c.text().getBytes(StandardCharsets.UTF_8), true).stream().noneMatch(f -> f.ruleId().equals(c.ruleId())))
                .toList();
        long found = positives.size() - missed.size();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "gitleaks-config-misses.txt"), missed.stream()
                .map(c -> c.ruleId() + "\t" + c.text().replace("\n", "\\n")).toList());
        System.out.printf("gitleaks.toml through Bulwark: %d of %d true positives found by their own rule%n", found,
                positives.size());
        assertThat((double) found / positives.size()).isGreaterThanOrEqualTo(0.95);
    }
}
