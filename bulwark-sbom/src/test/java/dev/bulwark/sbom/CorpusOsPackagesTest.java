package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OS packages of every corpus image equal the ground truth read with the distributions' own tools. */
class CorpusOsPackagesTest {

    @TempDir
    Path cache;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alpine-3.12.12.oci.tar, alpine-3.12.12.apk.tsv, alpine, 3.12.12",
        "alpine-3.12.12.docker.tar.gz, alpine-3.12.12.apk.tsv, alpine, 3.12.12",
        "alpine-3.20.3-app.oci.tar, alpine-3.20.3-app.apk.tsv, alpine, 3.20.3",
        "alpine-3.20.3-app.docker.tar.gz, alpine-3.20.3-app.apk.tsv, alpine, 3.20.3",
        "thirdparty/trivy-fixture-alpine-3.10.docker.tar.gz, trivy-fixture-alpine-3.10.apk.tsv, alpine, 3.10.4",
        "pkgdb-alpine-3.9.4.oci.tar, pkgdb-alpine-3.9.4.apk.tsv, alpine, 3.9.4",
        "pkgdb-alpine-3.10.4.oci.tar, pkgdb-alpine-3.10.4.apk.tsv, alpine, 3.10.4",
        "pkgdb-alpine-3.11.5.oci.tar, pkgdb-alpine-3.11.5.apk.tsv, alpine, 3.11.5",
        "debian-11-slim.oci.tar, debian-11-slim.dpkg.tsv, debian, 11",
        "debian-13-slim-app.docker.tar.gz, debian-13-slim-app.dpkg.tsv, debian, 13",
        "pkgdb-debian-9.11.oci.tar, pkgdb-debian-9.11.dpkg.tsv, debian, 9",
        "centos-7.5.1804-rpmdb-bdb.oci.tar, centos-7.5.1804-rpmdb-bdb.rpm.tsv, centos, 7",
        "centos-7.5.1804-rpmdb-sqlite.oci.tar, centos-7.5.1804-rpmdb-sqlite.rpm.tsv, centos, 7",
        "pkgdb-centos-8.2.2004.oci.tar, pkgdb-centos-8.2.2004.rpm.tsv, centos, 8",
    })
    void osPackagesEqualTheGroundTruth(String image, String expected, String family, String version)
            throws IOException {
        Inventory inventory = TestScans.scanFile(Corpus.require("images/" + image), cache);
        List<String> truth = Files.readAllLines(Corpus.require("images/expected/" + expected)).stream()
                .filter(l -> !l.isBlank()).sorted().toList();
        List<String> actual = inventory.osPackages().stream().map(p -> row(p, expected)).sorted().toList();
        assertThat(actual).containsExactlyElementsOf(truth);
        assertThat(inventory.os().family()).isEqualTo(family);
        assertThat(inventory.os().versionId()).isEqualTo(version);
        assertThat(inventory.warnings()).isEmpty();
        assertThat(inventory.osPackages()).allSatisfy(p -> {
            assertThat(p.purl()).startsWith("pkg:" + p.type().purlType() + "/" + family + "/")
                    .contains("distro=");
            assertThat(p.layer()).isNotNull();
        });
    }

    static String row(Package p, String expectedFile) {
        if (expectedFile.endsWith(".apk.tsv")) {
            return String.join("\t", p.name(), p.version(), p.arch());
        }
        if (expectedFile.endsWith(".dpkg.tsv")) {
            return String.join("\t", p.name(), p.version(), p.arch(), p.sourceNameOrName(),
                    p.sourceVersionOrVersion());
        }
        String version = p.version();
        String epoch = "";
        int colon = version.indexOf(':');
        if (colon > 0) {
            epoch = version.substring(0, colon);
            version = version.substring(colon + 1);
        }
        int dash = version.lastIndexOf('-');
        // rpm -qa --qf prints "(none)" for absent tags (the gpg-pubkey pseudo packages have no arch or source)
        return String.join("\t", p.name(), epoch, version.substring(0, dash), version.substring(dash + 1),
                p.arch() == null ? "(none)" : p.arch(), p.properties().getOrDefault("sourcerpm", "(none)"),
                p.properties().getOrDefault("modularitylabel", ""));
    }

    static String summary(List<Package> packages) {
        return packages.stream().map(p -> p.type() + " " + p.name()).collect(Collectors.joining(", "));
    }
}
