package dev.bulwark.sbom.analyzer.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgStatusAnalyzerTest {

    static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"
            + "VERSION_CODENAME=bookworm\n";

    @TempDir
    Path dir;

    static String stanza(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\n"
                + (source != null ? "Source: " + source + "\n" : "") + "Version: " + version + "\n"
                + "Description: the " + name + " package\n long description\n .\n more\n\n";
    }

    @Test
    void readsSourcePackageNameAndVersionOrFallsBackToTheBinary() throws IOException {
        String status = stanza("bsdutils", "1:2.41-5", "util-linux (2.41-5)") + stanza("libc6", "2.36-9", "glibc")
                + stanza("bash", "5.2.15-2+b2", "bash (5.2.15-2)") + stanza("dash", "0.5.12-2", null)
                + "Package: removed\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n\n";
        List<DpkgStatusParser.Entry> entries = DpkgStatusParser.parse(
                new ByteArrayInputStream(status.getBytes(StandardCharsets.UTF_8)), (l, p) -> { });
        assertThat(entries).filteredOn(DpkgStatusParser.Entry::installed).extracting(e ->
                e.name() + " " + e.version() + " " + e.sourceName() + " " + e.sourceVersion()).containsExactly(
                "bsdutils 1:2.41-5 util-linux 2.41-5", "libc6 2.36-9 glibc 2.36-9", "bash 5.2.15-2+b2 bash 5.2.15-2",
                "dash 0.5.12-2 dash 0.5.12-2");
        assertThat(entries).hasSize(5);
    }

    @Test
    void brokenStanzasAreReportedAndTheRestOfTheFileCounts() throws IOException {
        String status = stanza("a", "1", null) + "Package: noversion\nStatus: install ok installed\n\n"
                + "garbage line without colon\n" + stanza("b", "2", null);
        List<String> problems = new ArrayList<>();
        List<DpkgStatusParser.Entry> entries = DpkgStatusParser.parse(
                new ByteArrayInputStream(status.getBytes(StandardCharsets.UTF_8)), (l, p) -> problems.add(l + " " + p));
        assertThat(entries).extracting(DpkgStatusParser.Entry::name).containsExactly("a", "b");
        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).contains("without Version (package noversion)"))
                .anySatisfy(p -> assertThat(p).contains("not a 'Field: value' line"));

        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", status).build(), "ADD"), dir);
        assertThat(inventory.osPackages()).extracting(Package::name).containsExactly("a", "b");
        assertThat(inventory.warnings()).anySatisfy(w -> assertThat(w).startsWith("/var/lib/dpkg/status: line"));
    }

    @Test
    void attributesEachPackageToTheLayerFromWhichItIsListedContinuously() throws IOException {
        String base = stanza("base-files", "12.4", null) + stanza("curl", "7.88.1-10", null);
        String upgraded = base.replace("7.88.1-10", "7.88.1-10+deb12u5") + stanza("jq", "1.6-2.1", null);
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", base).build(),
                        "ADD rootfs")
                .layer(new TarBuilder().file("app/readme", "x").build(), "COPY")
                .layer(new TarBuilder().file("var/lib/dpkg/status", upgraded).build(), "RUN apt-get install jq"),
                dir);
        assertThat(inventory.osPackages()).extracting(p -> p.name() + " " + p.version() + " L" + p.layer().index()
                + " " + p.locations().getFirst().layer().index()).containsExactly(
                "base-files 12.4 L0 2", "curl 7.88.1-10+deb12u5 L2 2", "jq 1.6-2.1 L2 2");
        assertThat(inventory.osPackages().getFirst().purl())
                .isEqualTo("pkg:deb/debian/base-files@12.4?arch=amd64&distro=debian-12");
    }

    @Test
    void epochGoesIntoThePurlQualifier() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("etc/os-release", OS_RELEASE)
                .file("var/lib/dpkg/status", stanza("bsdutils", "1:2.38.1-5+b1", "util-linux (2.38.1-5)")).build(),
                "ADD"), dir);
        Package p = inventory.osPackages().getFirst();
        assertThat(p.version()).isEqualTo("1:2.38.1-5+b1");
        assertThat(p.sourceName()).isEqualTo("util-linux");
        assertThat(p.sourceVersion()).isEqualTo("2.38.1-5");
        assertThat(p.purl()).isEqualTo("pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?arch=amd64&distro=debian-12&epoch=1");
    }

    @Test
    void readsDistrolessStatusDirectoryOneFilePerPackage() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("etc/os-release", OS_RELEASE)
                .file("var/lib/dpkg/status.d/base", stanza("base-files", "12.4+deb12u5", null))
                .file("var/lib/dpkg/status.d/libssl3", stanza("libssl3", "3.0.11-1~deb12u2", "openssl"))
                .file("var/lib/dpkg/status.d/libssl3.md5sums", "0123abcd  usr/lib/x86_64-linux-gnu/libssl.so.3\n")
                .build(), "ADD distroless"), dir);
        assertThat(inventory.osPackages()).extracting(p -> p.name() + " " + p.sourceName() + " " + p.path())
                .containsExactly("base-files base-files /var/lib/dpkg/status.d/base",
                        "libssl3 openssl /var/lib/dpkg/status.d/libssl3");
        assertThat(inventory.os().codename()).isEqualTo("bookworm");
    }

    @Test
    void packagesOfADeletedStatusFileAreGone() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", OS_RELEASE)
                        .file("var/lib/dpkg/status", stanza("curl", "7.88.1-10", null)).build(), "ADD")
                .layer(new TarBuilder().whiteout("var/lib/dpkg").build(), "RUN rm -rf /var/lib/dpkg"), dir);
        assertThat(inventory.osPackages()).isEmpty();
    }
}
