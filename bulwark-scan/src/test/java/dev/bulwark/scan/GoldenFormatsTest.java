package dev.bulwark.scan;

import dev.bulwark.testkit.SmallImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Severity;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One golden file per format for {@link SmallImage}, filtered to HIGH and CRITICAL with one vulnerability suppressed
 * by VEX: lodash CVE-2020-8203 (HIGH, reported), lodash CVE-2021-23337 (HIGH, suppressed as not_affected), the
 * deleted {@code /app/.env} token (CRITICAL, not in the final image) and the image config running as root (HIGH).
 * Volatile values are normalised before comparing: the temporary directory, digests (tar entries carry the build
 * time) and the CycloneDX serial number. The golden files were reviewed line by line; regenerate them with
 * {@code -Dbulwark.golden.update=true} and review the diff.
 */
class GoldenFormatsTest {

    @TempDir
    static Path dir;

    static Report report;

    @BeforeAll
    static void scanOnce() throws IOException {
        Path image = SmallImage.write(dir);
        Report full = new ScanPipeline(new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))), dir.resolve("tmp"))
                .scan(new ScanTarget.ImageFile(image.toString()), new ScanSettings(ScanPipelineTest.ALL,
                        LayerCache.disabled(), TestDatabase.cacheDir(), null, "1.0.0-test",
                        Instant.parse("2026-01-01T00:00:00Z")));
        Path vex = dir.resolve("vex.json");
        Files.writeString(vex, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                  {"vulnerability": {"name": "CVE-2021-23337"}, "products": [{"@id": "pkg:npm/lodash@4.17.15"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_present",
                   "impact_statement": "template() is never called"}]}
                """);
        report = new ReportFilter(EnumSet.of(Severity.HIGH, Severity.CRITICAL), false, Set.of(), true, true,
                Suppressions.load(null, List.of(vex), LocalDate.parse("2026-01-01"))).apply(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "sarif", "cyclonedx", "spdx-json", "junit", "template"})
    void matchesTheReviewedGoldenFile(String format) throws IOException {
        Path template = Path.of("src/test/resources/golden/summary.peb").toAbsolutePath();
        ReportOptions options = new ReportOptions(false, false, false, true, template);
        StringWriter out = new StringWriter();
        ReportWriters.forFormat(format, options).write(report, out);
        String actual = normalise(out.toString());
        String file = switch (format) {
            case "table" -> "table.txt";
            case "template" -> "template.txt";
            case "junit" -> "junit.xml";
            case "json" -> "json";
            case "sarif" -> "sarif";
            case "cyclonedx" -> "cdx.json";
            default -> "spdx.json";
        };
        Path golden = Path.of("src/test/resources/golden/small-image." + file);
        if (Boolean.getBoolean("bulwark.golden.update")) {
            Files.writeString(golden, actual);
        }
        Files.createDirectories(Path.of("target/golden"));
        Files.writeString(Path.of("target/golden").resolve(golden.getFileName()), actual);
        assertThat(actual).as("compare target/golden/%s with %s", golden.getFileName(), golden)
                .isEqualTo(Files.readString(golden));
        if (format.equals("cyclonedx")) {
            assertThat(Schemas.cycloneDx(out.toString())).isEmpty();
        } else if (format.equals("sarif")) {
            assertThat(Schemas.sarif(out.toString())).isEmpty();
        } else if (format.equals("json")) {
            assertThat(Schemas.jsonReport(out.toString())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "sarif", "cyclonedx", "spdx-json", "junit", "template"})
    void neverRevealsTheSecretItReports(String format) throws IOException {
        Path template = Path.of("src/test/resources/golden/summary.peb").toAbsolutePath();
        for (boolean showSuppressed : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            ReportWriters.forFormat(format, new ReportOptions(true, true, true, showSuppressed, template))
                    .write(report, out);
            String text = out.toString();
            assertThat(text).as("%s output", format)
                    .doesNotContain(SmallImage.TOKEN)
                    .doesNotContain(SmallImage.TOKEN.substring(4, 30));
            if (!format.equals("spdx-json") && !format.equals("cyclonedx")) {
                assertThat(text).as("%s output names the secret finding", format).contains("github-pat");
            }
        }
    }

    /** Replaces the temp dir, each distinct digest (numbered in order of appearance) and SBOM ids. */
    static String normalise(String text) {
        String out = text.replace(dir.toString(), "<dir>");
        Map<String, String> digests = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(sha256:)?([0-9a-f]{64})").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = digests.computeIfAbsent(m.group(2), k -> "<digest-" + (digests.size() + 1) + ">");
            m.appendReplacement(sb, Matcher.quoteReplacement((m.group(1) == null ? "" : m.group(1)) + name));
        }
        m.appendTail(sb);
        return sb.toString()
                .replaceAll("urn:uuid:[0-9a-f-]{36}", "urn:uuid:<serial>")
                .replaceAll("SPDXRef-DOCUMENT-[0-9a-f-]+", "SPDXRef-DOCUMENT-<id>")
                .replaceAll("(\"documentNamespace\" ?: ?\")[^\"]+", "$1<namespace>");
    }
}
