package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.core.Package;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.scan.sbom.SbomContents;
import dev.bulwark.scan.sbom.SbomReader;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SbomScanTest {

    @TempDir
    Path dir;

    private ScanSettings settings() {
        return new ScanSettings(EnumSet.of(Scanner.VULN), LayerCache.disabled(), TestDatabase.cacheDir(), null,
                "test", Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Report scanImage(String image) {
        return new ScanPipeline(new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))), dir.resolve("tmp"))
                .scan(new ScanTarget.ImageFile(Corpus.require("images/" + image).toString()), settings());
    }

    private static Set<String> vulnerabilities(Report report) {
        Set<String> out = new TreeSet<>();
        report.results().forEach(r -> r.vulnerabilities().forEach(v -> out.add(v.id() + " " + v.pkg().name() + " "
                + v.pkg().version())));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CYCLONEDX_JSON", "CYCLONEDX_XML", "SPDX_JSON"})
    void anSbomBulwarkWroteFindsWhatTheImageScanFound(String format) throws IOException {
        for (String image : List.of("alpine-3.20.3-app.oci.tar", "pkgdb-alpine-3.9.4.oci.tar")) {
            Report fromImage = scanImage(image);
            Path sbom = dir.resolve(image + "." + format);
            try (var out = Files.newBufferedWriter(sbom)) {
                new dev.bulwark.scan.report.SbomReportWriter(SbomFormat.valueOf(format)).write(fromImage, out);
            }
            Report fromSbom = SbomScan.scan(sbom, settings());
            assertThat(fromSbom.artifact().type()).isEqualTo(Artifact.Type.SBOM);
            assertThat(fromSbom.artifact().os().family()).isEqualTo("alpine");
            assertThat(fromSbom.packages()).extracting(Package::purl)
                    .containsExactlyInAnyOrderElementsOf(fromImage.packages().stream().map(Package::purl)
                            .filter(java.util.Objects::nonNull).distinct().toList());
            assertThat(vulnerabilities(fromSbom)).as(image + " " + format).isNotEmpty()
                    .isEqualTo(vulnerabilities(fromImage));
        }
    }

    @Test
    void spdxTagValueWithSourcePackagesIsMatched() throws IOException {
        Path sbom = dir.resolve("app.spdx");
        Files.writeString(sbom, """
                SPDXVersion: SPDX-2.3
                DataLicense: CC0-1.0
                SPDXID: SPDXRef-DOCUMENT
                DocumentName: app-1.0
                DocumentNamespace: https://example.com/spdx/app-1.0
                Creator: Tool: handwritten

                ##### Package: alpine
                PackageName: alpine
                SPDXID: SPDXRef-OS
                PackageVersion: 3.9.4
                PackageDownloadLocation: NOASSERTION
                PrimaryPackagePurpose: OPERATING-SYSTEM

                PackageName: musl-utils
                SPDXID: SPDXRef-musl-utils
                PackageVersion: 1.1.20-r4
                PackageDownloadLocation: NOASSERTION
                PackageSourceInfo: built from source package musl 1.1.20-r4
                PackageLicenseDeclared: MIT
                PackageComment: <text>a comment
                that spans lines: PackageName: not-a-package</text>
                ExternalRef: PACKAGE-MANAGER purl pkg:apk/alpine/musl-utils@1.1.20-r4?arch=x86_64

                PackageName: lodash
                SPDXID: SPDXRef-lodash
                PackageVersion: 4.17.15
                PackageDownloadLocation: NOASSERTION
                ExternalRef: PACKAGE-MANAGER purl pkg:npm/lodash@4.17.15
                """);
        SbomContents contents = SbomReader.read(sbom);
        assertThat(contents.format()).isEqualTo("SPDX-2.3 tag-value");
        assertThat(contents.os().family() + " " + contents.os().versionId()).isEqualTo("alpine 3.9.4");
        assertThat(contents.packages()).extracting(Package::name).containsExactly("musl-utils", "lodash");
        assertThat(contents.packages().getFirst().sourceName()).isEqualTo("musl");
        Report report = SbomScan.scan(sbom, settings());
        assertThat(vulnerabilities(report)).contains("CVE-2019-14697 musl-utils 1.1.20-r4",
                "CVE-2020-8203 lodash 4.17.15");
    }

    @Test
    void trivyAndSyftShapesGiveSourcePackagesDistroAndEpochs() throws IOException {
        Path trivy = dir.resolve("trivy.cdx.json");
        Files.writeString(trivy, """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "metadata": {"component": {"type": "container", "name": "app.tar", "bom-ref": "app"}},
                 "components": [
                  {"type": "operating-system", "bom-ref": "os", "name": "alpine", "version": "3.9.4"},
                  {"type": "library", "bom-ref": "pkg:apk/alpine/musl-utils@1.1.20-r4?arch=x86_64&distro=3.9.4",
                   "name": "musl-utils", "version": "1.1.20-r4",
                   "purl": "pkg:apk/alpine/musl-utils@1.1.20-r4?arch=x86_64&distro=3.9.4",
                   "properties": [{"name": "aquasecurity:trivy:PkgType", "value": "alpine"},
                                  {"name": "aquasecurity:trivy:SrcName", "value": "musl"},
                                  {"name": "aquasecurity:trivy:SrcVersion", "value": "1.1.20-r4"}]},
                  {"type": "library", "name": "lodash", "version": "4.17.15", "purl": "pkg:npm/lodash@4.17.15"},
                  {"type": "library", "name": "broken", "purl": "pkg:"}]}
                """);
        SbomContents fromTrivy = SbomReader.read(trivy);
        assertThat(fromTrivy.os().family()).isEqualTo("alpine");
        assertThat(fromTrivy.packages().getFirst().sourceName()).isEqualTo("musl");
        assertThat(fromTrivy.warnings()).singleElement().asString().contains("malformed purl 'pkg:'");
        assertThat(vulnerabilities(SbomScan.scan(trivy, settings()))).contains("CVE-2019-14697 musl-utils 1.1.20-r4");

        Path syft = dir.resolve("syft.spdx.json");
        Files.writeString(syft, """
                {"spdxVersion": "SPDX-2.3", "name": "app", "SPDXID": "SPDXRef-DOCUMENT",
                 "packages": [
                  {"SPDXID": "SPDXRef-Package-rpm-openssl", "name": "openssl-libs", "versionInfo": "1:1.0.2k-12.el7",
                   "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl",
                     "referenceLocator": "pkg:rpm/centos/openssl-libs@1.0.2k-12.el7?arch=x86_64&epoch=1&upstream=openssl-1.0.2k-12.el7.src.rpm&distro=centos-7"}]},
                  {"SPDXID": "SPDXRef-Package-deb-bsdutils", "name": "bsdutils",
                   "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl",
                     "referenceLocator": "pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?arch=amd64&upstream=util-linux%402.38.1-5&distro=debian-12"}]}]}
                """);
        SbomContents fromSyft = SbomReader.read(syft);
        assertThat(fromSyft.os().family() + " " + fromSyft.os().versionId()).isEqualTo("centos 7");
        Package openssl = fromSyft.packages().getFirst();
        assertThat(openssl.name() + " " + openssl.version()).isEqualTo("openssl-libs 1:1.0.2k-12.el7");
        Package bsdutils = fromSyft.packages().get(1);
        assertThat(bsdutils.version()).isEqualTo("2.38.1-5+b1");
        assertThat(bsdutils.sourceName() + " " + bsdutils.sourceVersion()).isEqualTo("util-linux 2.38.1-5");
    }

    @Test
    void xmlWithAnExternalEntityIsRefusedWithoutReadingIt() throws IOException {
        Path evil = dir.resolve("evil.cdx.xml");
        Files.writeString(evil, """
                <?xml version="1.0"?>
                <!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library">
                <name>&x;</name><purl>pkg:npm/x@1</purl></component></components></bom>
                """);
        assertThatThrownBy(() -> SbomReader.read(evil)).isInstanceOf(InputException.class)
                .hasMessageContaining("evil.cdx.xml").hasMessageContaining("DOCTYPE");
        Path deep = dir.resolve("deep.cdx.json");
        Files.writeString(deep, "{\"bomFormat\":\"CycloneDX\",\"components\":" + "[".repeat(100_000));
        assertThatThrownBy(() -> SbomReader.read(deep)).isInstanceOf(InputException.class)
                .hasMessageContaining("deep.cdx.json").hasMessageContaining("not valid JSON");
        Path notSbom = dir.resolve("notes.txt");
        Files.writeString(notSbom, "hello");
        assertThatThrownBy(() -> SbomReader.read(notSbom)).isInstanceOf(InputException.class)
                .hasMessageContaining("not an SBOM");
    }

    @Test
    void aTrivyCycloneDxFromThePeerIsMatchedWhenThePeerIsInstalled() throws Exception {
        Path trivy = Path.of(System.getProperty("user.home"), ".cache/bulwark-peers/trivy-0.44.1");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(trivy),
                "peer Trivy not installed (../shared/tools/get-peers.sh); skipping the Trivy CycloneDX case");
        Path image = Corpus.require("images/alpine-3.20.3-app.docker.tar.gz");
        Path out = dir.resolve("trivy.cdx.json");
        // As ../shared/corpus/images/README.md runs it, offline; /app/lib is skipped because this Trivy refuses to
        // analyse jars without its Java DB, which cannot be had offline.
        Process process = new ProcessBuilder(trivy.toString(), "image", "--cache-dir", dir.resolve("trivy").toString(),
                "--offline-scan", "--skip-db-update", "--skip-java-db-update", "--skip-policy-update",
                "--db-repository", "127.0.0.1:9/none", "--java-db-repository", "127.0.0.1:9/none",
                "--policy-bundle-repository", "127.0.0.1:9/none", "--skip-dirs", "/app/lib", "--scanners", "license",
                "--input", image.toString(), "--format", "cyclonedx", "-o", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        org.junit.jupiter.api.Assumptions.assumeTrue(process.waitFor() == 0 && Files.exists(out),
                "the peer Trivy could not write an SBOM offline: " + log);
        Report fromTrivy = SbomScan.scan(out, settings());
        assertThat(vulnerabilities(fromTrivy)).contains("CVE-2020-8203 lodash 4.17.15",
                "CVE-2023-39325 golang.org/x/net v0.7.0");
        assertThat(fromTrivy.artifact().os().family()).isEqualTo("alpine");
    }
}
