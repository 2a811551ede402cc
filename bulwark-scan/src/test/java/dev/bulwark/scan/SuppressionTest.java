package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.FixStatus;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-01");

    @TempDir
    Path dir;

    static VulnerabilityFinding vuln(String id, String name, String version, String purl) {
        Package pkg = new Package(PackageType.NPM, name, version, null, null, null, purl, List.of(),
                List.of(Location.of("/app/node_modules/" + name + "/package.json")), null, Map.of());
        return new VulnerabilityFinding(id, List.of("GHSA-xxxx-" + id.substring(4)), pkg, FixStatus.FIXED,
                List.of("9.9.9"), Severity.HIGH, "ghsa", List.of(), "t", "", List.of(), List.of(), null, null, "npm",
                false, Map.of());
    }

    @Test
    void ignoreEntriesMatchByIdAliasPackagePurlAndPathUntilTheyExpire() throws IOException {
        Path file = dir.resolve(".bulwarkignore.yaml");
        Files.writeString(file, """
                ignore:
                  - id: GHSA-xxxx-2020-1
                    reason: alias
                vulnerabilities:
                  - id: CVE-2020-2
                    purl: pkg:npm/lodash
                    reason: any lodash version
                  - id: CVE-2020-3
                    package: other
                  - id: CVE-2020-4
                    expires: 2026-06-01
                secrets:
                  - id: github-pat
                    path: /app/**
                    reason: test fixture
                """);
        Suppressions s = Suppressions.load(file, List.of(), TODAY);
        assertThat(s.suppress(vuln("CVE-2020-1", "lodash", "1.0", "pkg:npm/lodash@1.0"))).get()
                .extracting(Suppressed::reason).isEqualTo("alias");
        assertThat(s.suppress(vuln("CVE-2020-2", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15"))).isPresent();
        assertThat(s.suppress(vuln("CVE-2020-3", "lodash", "1.0", "pkg:npm/lodash@1.0"))).as("other package")
                .isEmpty();
        assertThat(s.suppress(vuln("CVE-2020-4", "lodash", "1.0", "pkg:npm/lodash@1.0"))).as("expires today")
                .isEmpty();
        assertThat(s.warnings()).singleElement().asString().contains("CVE-2020-4").contains("expired on 2026-06-01");
        SecretFinding inApp = new SecretFinding("github-pat", "GitHub", "t", Severity.CRITICAL,
                Location.of("/app/.env"), 1, 1, "m", "l", false, List.of());
        SecretFinding elsewhere = new SecretFinding("github-pat", "GitHub", "t", Severity.CRITICAL,
                Location.of("/root/.env"), 1, 1, "m", "l", true, List.of());
        assertThat(s.suppress(inApp)).isPresent();
        assertThat(s.suppress(elsewhere)).isEmpty();
    }

    @Test
    void aTypoInTheIgnoreFileIsAnErrorNamingTheFileAndEntry() throws IOException {
        Path file = dir.resolve("ignore.yaml");
        Files.writeString(file, "vulnerabilities:\n  - id: CVE-1\n    expire: 2027-01-01\n");
        assertThatThrownBy(() -> Suppressions.load(file, List.of(), TODAY)).isInstanceOf(InputException.class)
                .hasMessageContaining("ignore.yaml: vulnerabilities[1]").hasMessageContaining("unknown field 'expire'");
        Files.writeString(file, "vulnerabilites: []\n");
        assertThatThrownBy(() -> Suppressions.load(file, List.of(), TODAY)).hasMessageContaining("unknown key");
        Files.writeString(file, "ignore:\n  - id: CVE-1\n    expires: soon\n");
        assertThatThrownBy(() -> Suppressions.load(file, List.of(), TODAY)).hasMessageContaining("'expires' must be");
    }

    @Test
    void aYamlAliasBombInTheIgnoreFileIsRefusedQuickly() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        Path file = dir.resolve("bomb.yaml");
        Files.writeString(file, yaml.toString());
        assertThatThrownBy(() -> Suppressions.load(file, List.of(), TODAY)).isInstanceOf(InputException.class)
                .hasMessageContaining("bomb.yaml");
    }

    @Test
    void aVexDocumentThatIsNeitherFormatIsAnInputError() throws IOException {
        Path file = dir.resolve("vex.json");
        Files.writeString(file, "{\"document\": {}}");
        assertThatThrownBy(() -> Suppressions.load(null, List.of(file), TODAY)).isInstanceOf(InputException.class)
                .hasMessageContaining("vex.json").hasMessageContaining("neither OpenVEX");
        Files.writeString(file, "[".repeat(100_000));
        assertThatThrownBy(() -> Suppressions.load(null, List.of(file), TODAY)).isInstanceOf(InputException.class)
                .hasMessageContaining("vex.json");
    }

    @Test
    void cycloneDxVexAnalysisSuppressesNotAffectedAndResolvedButNotExploitable() throws IOException {
        Path vex = dir.resolve("vex.cdx.json");
        Files.writeString(vex, """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"bom-ref": "lodash-ref", "type": "library", "name": "lodash",
                                 "purl": "pkg:npm/lodash@4.17.15"}],
                 "vulnerabilities": [
                  {"id": "CVE-2020-1", "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
                   "affects": [{"ref": "lodash-ref"}]},
                  {"id": "CVE-2020-2", "analysis": {"state": "resolved"},
                   "affects": [{"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:npm/lodash@4.17.15"}]},
                  {"id": "CVE-2020-3", "analysis": {"state": "exploitable"}, "affects": [{"ref": "lodash-ref"}]},
                  {"id": "CVE-2020-4", "analysis": {"state": "not_affected"}, "affects": [{"ref": "lodash-ref"}]}]}
                """);
        Suppressions s = Suppressions.load(null, List.of(vex), TODAY);
        assertThat(s.suppress(vuln("CVE-2020-1", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15"))).get()
                .satisfies(x -> {
                    assertThat(x.source()).isEqualTo("vex");
                    assertThat(x.statement()).isEqualTo("not_affected");
                    assertThat(x.justification()).isEqualTo("code_not_reachable");
                });
        assertThat(s.suppress(vuln("CVE-2020-2", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15"))).isPresent();
        assertThat(s.suppress(vuln("CVE-2020-3", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15"))).isEmpty();
        assertThat(s.suppress(vuln("CVE-2020-4", "lodash", "4.17.16", "pkg:npm/lodash@4.17.16")))
                .as("another version").isEmpty();
    }
}
