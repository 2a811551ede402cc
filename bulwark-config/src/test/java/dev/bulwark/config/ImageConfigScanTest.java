package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.testkit.Corpus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigScanTest {

    private final ConfigScanner scanner = ConfigScanner.create(ConfigScanOptions.defaults());

    private ConfigReport scan(ImageConfig config) {
        ConfigScan scan = scanner.newScan();
        scan.addImageConfig(config, "app:1 (image config)");
        return scan.finish();
    }

    private static ImageConfig config(String user, List<String> env, List<String> ports, List<String> healthcheck,
                                      String... createdBy) {
        List<HistoryEntry> history = java.util.Arrays.stream(createdBy)
                .map(c -> new HistoryEntry(null, c, null, false)).toList();
        return new ImageConfig(user, env, List.of(), List.of("/app"), "/app", ports, Map.of(), healthcheck, "",
                history);
    }

    private static List<String> ids(ConfigReport report) {
        return report.findings().stream().map(Misconfiguration::checkId).toList();
    }

    @Test
    void flagsRootUserMissingHealthcheckSshPortAndEnvSecret() {
        ConfigReport report = scan(config("", List.of("PATH=/bin", "DB_PASSWORD=hunter2", "TOKEN_FILE=/run/t"),
                List.of("22/tcp", "8080/tcp"), List.of()));

        assertThat(ids(report)).containsExactlyInAnyOrder("BW-IMG-001", "BW-IMG-002", "BW-IMG-003", "BW-IMG-004");
        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-IMG-004")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("DB_PASSWORD").doesNotContain("hunter2"));
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.location().path()).isEqualTo("app:1 (image config)"));
    }

    @Test
    void hardenedConfigPasses() {
        ConfigReport report = scan(config("10001:10001", List.of("PATH=/bin", "API_KEY=${API_KEY}"),
                List.of("8080/tcp"), List.of("CMD-SHELL", "wget -q -O- http://localhost:8080/health")));

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void appliesDockerfileRulesToClassicHistory() {
        ConfigReport report = scan(config("app", List.of(), List.of(), List.of("CMD", "true"),
                "/bin/sh -c #(nop) ADD file:abc in / ",
                "/bin/sh -c apt-get update && apt-get install -y curl",
                "|1 NPM_TOKEN=abc123 /bin/sh -c curl -fsSL https://get.example.com | sh",
                "/bin/sh -c #(nop)  USER app"));

        assertThat(report.findings()).extracting(Misconfiguration::checkId, Misconfiguration::startLine)
                .contains(org.assertj.core.groups.Tuple.tuple("BW-DS-031", 2),
                        org.assertj.core.groups.Tuple.tuple("BW-DS-023", 3),
                        org.assertj.core.groups.Tuple.tuple("BW-IMG-005", 3));
        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-DS-031")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("history step 2: "));
    }

    @Test
    void appliesDockerfileRulesToBuildkitHistory() {
        ConfigReport report = scan(config("app", List.of(), List.of(), List.of("CMD", "true"),
                "RUN /bin/sh -c apk add curl # buildkit",
                "RUN |1 GITHUB_TOKEN=ghp_x /bin/sh -c sudo make install # buildkit",
                "RUN /bin/bash -o pipefail -c pip install flask # buildkit",
                "EXPOSE map[8080/tcp:{}]"));

        assertThat(ids(report)).contains("BW-DS-041", "BW-DS-012", "BW-IMG-005", "BW-DS-053");
    }

    @Test
    void readsTheCorpusImagesBuiltByBothBuilders() throws Exception {
        ImageConfig classic = CorpusImageConfigs.read(Corpus.require("images/alpine-3.20.3-app.docker.tar.gz"));
        ImageConfig buildkit = CorpusImageConfigs.read(Corpus.require("images/debian-13-slim-app.docker.tar.gz"));

        for (ImageConfig config : List.of(classic, buildkit)) {
            ConfigReport report = scan(config);
            assertThat(ids(report)).contains("BW-IMG-001", "BW-IMG-002", "BW-IMG-004");
            assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-IMG-004")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("AWS_SECRET_ACCESS_KEY"));
            assertThat(report.errors()).isEmpty();
        }
    }

    @Test
    void plainBaseImageHasOnlyRuntimeFindings() throws Exception {
        ImageConfig alpine = CorpusImageConfigs.read(
                Corpus.require("images/thirdparty/trivy-fixture-alpine-3.10.docker.tar.gz"));

        assertThat(ids(scan(alpine))).containsExactlyInAnyOrder("BW-IMG-001", "BW-IMG-002");
    }
}
