package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileScanTest {

    private static final String INSECURE = """
            FROM ubuntu:latest
            RUN apt-get update && apt-get install curl
            ADD http://example.com/tool.sh /usr/local/bin/tool
            ENV DB_PASSWORD=hunter2
            EXPOSE 22
            RUN curl -fsSL https://get.example.com/install.sh | sh
            """;

    @TempDir
    Path dir;

    private static ConfigReport scan(ConfigScanOptions options, String name, String text) {
        ConfigScan scan = ConfigScanner.create(options).newScan();
        scan.add(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return scan.finish();
    }

    private static List<String> ids(ConfigReport report) {
        return report.findings().stream().map(Misconfiguration::checkId).distinct().toList();
    }

    @Test
    void reportsTheClassicMistakesWithLinesAndPeerAliases() {
        ConfigReport report = scan(ConfigScanOptions.defaults(), "Dockerfile", INSECURE);

        assertThat(ids(report)).contains("BW-DS-001", "BW-DS-011", "BW-DS-030", "BW-DS-031", "BW-DS-032",
                "BW-DS-033", "BW-DS-061", "BW-DS-072", "BW-DS-077", "BW-DS-082", "BW-DS-023");
        Misconfiguration latest = report.findings().stream().filter(f -> f.checkId().equals("BW-DS-001"))
                .findFirst().orElseThrow();
        assertThat(latest.startLine()).isEqualTo(1);
        assertThat(latest.aliases()).contains("DL3007", "DS-0001", "CKV_DOCKER_7");
        assertThat(latest.references()).contains("https://github.com/hadolint/hadolint/wiki/DL3007");
        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-DS-023")).singleElement()
                .satisfies(f -> assertThat(f.startLine()).isEqualTo(6));
        assertThat(report.files()).singleElement().satisfies(file -> {
            assertThat(file.type()).isEqualTo(FileType.DOCKERFILE);
            assertThat(file.passed()).isPositive();
            assertThat(file.failed()).isEqualTo(ids(report).size());
        });
    }

    @Test
    void hardenedDockerfileIsClean() {
        String text = """
                # syntax=docker/dockerfile:1
                FROM golang:1.23.4@sha256:7ea4c9dcb2b97ff8ee80a67db3d44f98c8ffa0d191399197007d8459c1453041 AS build
                WORKDIR /src
                COPY go.mod go.sum ./
                RUN go mod download
                COPY . .
                RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

                FROM gcr.io/distroless/static-debian12:nonroot
                COPY --from=build /out/app /app
                USER 65532:65532
                EXPOSE 8080
                HEALTHCHECK CMD ["/app", "-healthcheck"]
                ENTRYPOINT ["/app"]
                """;

        assertThat(scan(ConfigScanOptions.defaults(), "Dockerfile", text).findings()).isEmpty();
    }

    @Test
    void inlinePragmasSilenceTheNextInstructionInAllThreeDialects() {
        String text = """
                FROM alpine:3.20
                # hadolint ignore=DL3018
                RUN apk add --no-cache curl
                # bulwark:ignore=BW-DS-040
                RUN apk add --no-cache git
                # trivy:ignore:DS-0025
                RUN apk add jq
                RUN apk add --no-cache make
                USER app
                HEALTHCHECK NONE
                """;

        ConfigReport report = scan(ConfigScanOptions.defaults(), "Dockerfile", text);

        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-DS-040"))
                .extracting(Misconfiguration::startLine).containsExactly(7, 8);
        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("BW-DS-041")).isEmpty();
    }

    @Test
    void skipChecksAcceptsIdsAndPeerAliases() {
        ConfigReport report = scan(ConfigScanOptions.defaults().withSkipChecks(List.of("BW-DS-001", "DL3008",
                "ds031", "CKV_DOCKER_2")), "Dockerfile", INSECURE);

        assertThat(ids(report)).doesNotContain("BW-DS-001", "BW-DS-030", "BW-DS-082", "BW-DS-077")
                .contains("BW-DS-031");
    }

    @Test
    void brokenDockerfileIsReportedButItsOtherLinesAreChecked() {
        ConfigReport report = scan(ConfigScanOptions.defaults(), "app/Dockerfile",
                "FROM alpine:latest\nFORM oops\nUSER root\n");

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.location().path()).isEqualTo("app/Dockerfile");
            assertThat(error.message()).contains("line 2").contains("unknown instruction: FORM");
        });
        assertThat(ids(report)).contains("BW-DS-001", "BW-DS-010");
    }

    @Test
    void binaryAndOversizedFilesAreErrorsAndTheScanGoesOn() throws IOException {
        Files.write(dir.resolve("Dockerfile.bin"), new byte[] {'F', 'R', 0, 0, 1, 2});
        Files.writeString(dir.resolve("Dockerfile.big"), "FROM alpine:3.20\n" + "# padding\n".repeat(200));
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:latest\n");
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults().withMaxFileBytes(1000)).newScan();
        scan.addPath(dir, "ctx");

        ConfigReport report = scan.finish();

        assertThat(report.errors()).extracting(FileError::toString).containsExactlyInAnyOrder(
                "ctx/Dockerfile.bin: not a valid Dockerfile: line 1: binary content (NUL bytes) is not a Dockerfile",
                "ctx/Dockerfile.big: file is larger than the limit of 1000 bytes for configuration files");
        assertThat(report.files()).extracting(f -> f.location().path()).containsExactly("ctx/Dockerfile");
        assertThat(ids(report)).contains("BW-DS-001");
    }

    @Test
    void walksDirectoriesSkippingVcsFoldersAndUnrelatedFiles() throws IOException {
        Files.createDirectories(dir.resolve("svc/.git"));
        Files.writeString(dir.resolve("svc/.git/Dockerfile"), "FROM alpine:latest\n");
        Files.writeString(dir.resolve("svc/Containerfile"), "FROM alpine:3.20\nUSER app\n");
        Files.writeString(dir.resolve("svc/app.dockerfile"), "FROM alpine:3.20\nUSER app\n");
        Files.writeString(dir.resolve("svc/README.md"), "FROM is a word\n");
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults()).newScan();
        scan.addPath(dir, ".");

        ConfigReport report = scan.finish();

        assertThat(report.files()).extracting(f -> f.location().path())
                .containsExactly("svc/Containerfile", "svc/app.dockerfile");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults()).newScan();
        scan.addPath(dir.resolve("nope/Dockerfile"), "nope/Dockerfile");

        assertThat(scan.finish().errors()).extracting(FileError::toString)
                .containsExactly("nope/Dockerfile: cannot read: no such file");
    }

    @Test
    void everyDockerfileRuleExplainsItselfAndMostMapToAPeer() {
        List<CheckDescriptor> rules = ConfigScanner.create(ConfigScanOptions.defaults()).checks().stream()
                .filter(c -> c.target() == FileType.DOCKERFILE).toList();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.rationale()).isNotBlank();
            assertThat(rule.resolution()).isNotBlank();
        });
        assertThat(rules).filteredOn(rule -> rule.aliases().isEmpty()).extracting(CheckDescriptor::id)
                .containsExactly("BW-DS-023");
        assertThat(rules).extracting(CheckDescriptor::id).doesNotHaveDuplicates();
    }
}
