package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: for every corpus image, the CycloneDX and SARIF reports (with vulnerabilities, secrets and
 * misconfigurations) validate against the official schemas, offline, and the JSON report against ours.
 */
class CorpusFormatsTest {

    @TempDir
    Path dir;

    static Stream<String> images() throws IOException {
        Path images = Corpus.require("images");
        try (Stream<Path> files = Files.walk(images, 2)) {
            return files.filter(f -> f.toString().endsWith(".tar") || f.toString().endsWith(".tar.gz"))
                    .map(f -> images.relativize(f).toString()).sorted().toList().stream();
        }
    }

    private static String render(String format, Report report) throws IOException {
        StringWriter out = new StringWriter();
        ReportWriters.forFormat(format, ReportOptions.defaults()).write(report, out);
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("images")
    void cycloneDxSarifAndJsonValidate(String image) throws IOException {
        Report report = new ScanPipeline(new ImageOpener(ImageOptions.defaults(dir)), dir).scan(
                new ScanTarget.ImageFile(Corpus.require("images/" + image).toString()),
                new ScanSettings(ScanPipelineTest.ALL, LayerCache.disabled(), TestDatabase.cacheDir(), null, "test",
                        Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(report.packages()).isNotEmpty();

        String cdx = render("cyclonedx", report);
        assertThat(Schemas.cycloneDx(cdx)).as(image).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(cdx);
        long vulns = report.results().stream().mapToLong(r -> r.vulnerabilities().size()).sum();
        assertThat(bom.path("components").size()).isGreaterThanOrEqualTo(report.packages().size());
        if (vulns > 0) {
            assertThat(bom.path("vulnerabilities")).isNotEmpty();
            assertThat(bom.path("vulnerabilities").get(0).path("affects").get(0).path("ref").asText())
                    .as("affects refs are component bom-refs")
                    .isIn(bom.path("components").findValuesAsText("bom-ref"));
        }

        String sarif = render("sarif", report);
        assertThat(Schemas.sarif(sarif)).as(image).isEmpty();
        JsonNode run = new ObjectMapper().readTree(sarif).path("runs").get(0);
        assertThat(run.path("results").size()).isEqualTo((int) report.findings().count());
        for (JsonNode result : run.path("results")) {
            JsonNode physical = result.path("locations").get(0).path("physicalLocation");
            assertThat(physical.path("artifactLocation").path("uri").asText()).as("relative uri")
                    .doesNotStartWith("/").doesNotContain("://").isNotEmpty();
            assertThat(physical.path("region").path("startLine").asInt()).isGreaterThanOrEqualTo(1);
        }
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            assertThat(rule.path("help").path("text").asText()).isNotBlank();
        }

        String json = render("json", report);
        assertThat(Schemas.jsonReport(json)).as(image).isEmpty();
        List<String> problems = Schemas.jsonReport(json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertThat(problems).as("the report schema bites").isNotEmpty();
    }
}
