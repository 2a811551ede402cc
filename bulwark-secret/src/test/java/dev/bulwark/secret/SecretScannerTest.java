package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the scanner reads, skips and reports, as the scan module will call it. */
class SecretScannerTest {

    private static final String TOKEN = "ghp_hV7pB9pzxsQmeuWGjSoIC5bBBsWEwpPsmaEf";

    private final SecretScanner scanner = SecretScanner.withBuiltInRules();

    private List<SecretFinding> scan(String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return scanner.scanFile(Location.of(path), bytes.length, true, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void decidesFromPathAndSizeAloneWhetherToRead() {
        assertThat(scanner.wantsContent("/app/.env", 120)).isTrue();
        assertThat(scanner.wantsContent("/app/logo.png", 120)).isFalse();
        assertThat(scanner.wantsContent("/usr/lib/libssl.so.3", 120)).isFalse();
        assertThat(scanner.wantsContent("/app/node_modules/x/index.js", 120)).isFalse();
        assertThat(scanner.wantsContent("/usr/share/doc/bash/README", 120)).isFalse();
        assertThat(scanner.wantsContent("/app/package-lock.json", 120)).isFalse();
        assertThat(scanner.wantsContent("/app/huge.log", SecretScanOptions.DEFAULT_MAX_FILE_BYTES + 1)).isFalse();
        SecretScanner everything = SecretScanner.create(SecretRuleSet.builtIn(),
                SecretScanOptions.defaults().withSkipDependencyPaths(false));
        assertThat(everything.wantsContent("/app/node_modules/x/index.js", 120)).isTrue();
    }

    @Test
    void reportsRuleLineLayerAndRedactedForms() throws IOException {
        List<SecretFinding> findings = scan("/app/.env", "# deploy\nAPP=1\nGITHUB_TOKEN=" + TOKEN + "\n");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("github-pat");
            assertThat(f.category()).isEqualTo("GitHub");
            assertThat(f.startLine()).isEqualTo(3);
            assertThat(f.endLine()).isEqualTo(3);
            assertThat(f.redactedMatch()).isEqualTo("ghp_********************************smaEf".replace("smaEf", "maEf"));
            assertThat(f.redactedLine()).isEqualTo("GITHUB_TOKEN=" + f.redactedMatch());
            assertThat(f.inFinalImage()).isTrue();
        });
    }

    @Test
    void skipsBinaryContentAndStreamsLongerThanTheLimit() throws IOException {
        byte[] binary = ("\u0000\u0001ELF GITHUB_TOKEN=" + TOKEN).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(scanner.scanFile(Location.of("/app/tool"), binary.length, true,
                () -> new ByteArrayInputStream(binary))).isEmpty();
        SecretScanner small = SecretScanner.create(SecretRuleSet.builtIn(), SecretScanOptions.defaults()
                .withMaxFileBytes(16));
        byte[] text = ("GITHUB_TOKEN=" + TOKEN).getBytes(StandardCharsets.UTF_8);
        assertThat(small.scanFile(Location.of("/app/.env"), -1, true, () -> new ByteArrayInputStream(text)))
                .isEmpty();
    }

    @Test
    void readsOnlyTheFirstBlockOfABinaryFile() throws IOException {
        byte[] binary = new byte[200_000];
        binary[10] = 0;
        int[] read = new int[1];
        List<SecretFinding> findings = scanner.scanFile(Location.of("/app/data"), binary.length, true,
                () -> new java.io.FilterInputStream(new ByteArrayInputStream(binary)) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        read[0] += Math.max(0, n);
                        return n;
                    }
                });
        assertThat(findings).isEmpty();
        assertThat(read[0]).isLessThanOrEqualTo(8192);
    }

    @Test
    void ignoresPlaceholdersReferencesAndAllowComments() throws IOException {
        assertThat(scan("/app/.env", """
                GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
                DB_PASSWORD=${DB_PASSWORD}
                API_KEY=<your-api-key-here>
                password: changeme
                SECRET_KEY=%%(secret)s
                GITHUB_TOKEN=%s # gitleaks:allow
                """.formatted(TOKEN))).isEmpty();
    }

    @Test
    void reportsASpecificRuleInsteadOfTheGenericOneForTheSameSecret() throws IOException {
        assertThat(scan("/app/config.yaml", "github_api_token: " + TOKEN + "\n"))
                .extracting(SecretFinding::ruleId).containsExactly("github-pat");
    }

    @Test
    void findsGenericSecretsAndPasswordsInConfigFiles() throws IOException {
        assertThat(scan("/app/settings.py", """
                SECRET_KEY = 'q9f!x2@kd8#v7z$w1m^p4r&t6y*u0s3e'
                DATABASES = {'default': {'PASSWORD': 'Pg-2024-pr0d!'}}
                """)).extracting(SecretFinding::ruleId)
                .containsExactlyInAnyOrder("generic-api-key", "generic-password");
    }

    @Test
    void scansEnvLabelsCommandsAndBuildArgumentsOfTheImageConfig() {
        ImageConfig config = new ImageConfig("", List.of("PATH=/usr/bin", "GH_TOKEN=" + TOKEN), List.of(),
                List.of("/app/run", "--password", "Sup3r-S3cret!"), "", List.of(),
                Map.of("db", "postgres://app:Pg2024xq9Lw@db:5432/app"), List.of(), "",
                List.of(new HistoryEntry(null, "|1 NPM_TOKEN=npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5 "
                        + "/bin/sh -c npm ci", null, false),
                        new HistoryEntry(null, "ENV GH_TOKEN=" + TOKEN, null, true)));
        List<SecretFinding> findings = scanner.scanImageConfig(config);
        assertThat(findings).extracting(SecretFinding::ruleId, f -> f.redactedLine().substring(0,
                f.redactedLine().indexOf(':')))
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple("github-pat", "Env"),
                        org.assertj.core.api.Assertions.tuple("url-credentials", "Label"),
                        org.assertj.core.api.Assertions.tuple("npm-access-token", "History[0] build arg"));
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.location().path()).isEqualTo("(image config)");
            assertThat(f.startLine()).isZero();
        });
    }

    @Test
    void givesTheSameResultsWhenLayersAreScannedConcurrently() throws Exception {
        List<BuiltInRulesTest.Sample> samples = BuiltInRulesTest.samples();
        List<List<SecretFinding>> sequential = new ArrayList<>();
        for (BuiltInRulesTest.Sample sample : samples) {
            sequential.add(scan("/app/" + sample.ruleId(), sample.text()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SecretFinding>>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (BuiltInRulesTest.Sample sample : samples) {
                    futures.add(pool.submit(() -> scan("/app/" + sample.ruleId(), sample.text())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % samples.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCatastrophicallyBacktrackingUserRuleGivesUpWithoutStoppingOtherRules(@TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("gitleaks.toml");
        Files.writeString(config, """
                [extend]
                useDefault = true

                [[rules]]
                id = "slow"
                regex = '''(a|aa)+$'''
                """);
        SecretScanner custom = SecretScanner.create(SecretRuleSet.loadGitleaksConfig(config),
                SecretScanOptions.defaults());
        String content = "a".repeat(60) + "!\nGITHUB_TOKEN=" + TOKEN + "\n";
        assertThat(custom.scanContent(Location.of("/x"), content.getBytes(StandardCharsets.UTF_8), true))
                .extracting(SecretFinding::ruleId).containsExactly("github-pat");
    }
}
