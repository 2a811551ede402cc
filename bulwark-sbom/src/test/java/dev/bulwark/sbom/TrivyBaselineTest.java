package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bulwark finds every package Trivy lists for the corpus images ({@code trivy-baseline/*.packages.tsv}, compared by
 * purl without qualifiers), and every package Trivy misses is one of those explained in docs/accuracy.md.
 */
class TrivyBaselineTest {

    /** Found by Bulwark, not by Trivy; docs/accuracy.md "Package inventory" says why each is right. */
    static final Set<String> EXPLAINED_EXTRAS = Set.of(
            "pkg:maven/org.springframework/spring-core@5.3.17", "pkg:maven/org.springframework/spring-jcl@5.3.17",
            "pkg:maven/org.springframework/spring-aop@5.3.17", "pkg:maven/org.springframework/spring-beans@5.3.17",
            "pkg:maven/org.springframework/spring-context@5.3.17",
            "pkg:maven/org.springframework/spring-expression@5.3.17",
            "pkg:maven/org.springframework.boot/spring-boot@2.6.5",
            "pkg:maven/org.springframework.boot/spring-boot-autoconfigure@2.6.5",
            "pkg:maven/org.springframework.boot/spring-boot-jarmode-layertools@2.6.5",
            "pkg:golang/stdlib@go1.19.8", "pkg:golang/example.org/corpus/goapp@%28devel%29");

    @TempDir
    Path cache;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alpine-3.12.12.oci, alpine-3.12.12.oci.tar", "alpine-3.12.12.docker, alpine-3.12.12.docker.tar.gz",
        "alpine-3.20.3-app.oci, alpine-3.20.3-app.oci.tar", "alpine-3.20.3-app.docker, alpine-3.20.3-app.docker.tar.gz",
        "debian-11-slim.oci, debian-11-slim.oci.tar", "debian-13-slim-app.docker, debian-13-slim-app.docker.tar.gz",
        "centos-7.5.1804-rpmdb-bdb.oci, centos-7.5.1804-rpmdb-bdb.oci.tar",
        "centos-7.5.1804-rpmdb-sqlite.oci, centos-7.5.1804-rpmdb-sqlite.oci.tar",
        "trivy-fixture-alpine-3.10.docker, thirdparty/trivy-fixture-alpine-3.10.docker.tar.gz"})
    void findsEverythingTrivyFindsAndOnlyExplainedExtras(String baseline, String image) throws IOException {
        Set<String> trivy = Files.readAllLines(Corpus.require("images/trivy-baseline/" + baseline
                + ".packages.tsv")).stream().skip(1).map(l -> l.split("\t", -1))
                .filter(c -> c.length > 3 && !c[3].isEmpty()).map(c -> withoutQualifiers(c[3]))
                .collect(Collectors.toCollection(TreeSet::new));
        Inventory inventory = TestScans.scanFile(Corpus.require("images/" + image), cache);
        Set<String> bulwark = inventory.packages().stream().map(Package::purl).map(TrivyBaselineTest::withoutQualifiers)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(bulwark).as("everything Trivy finds").containsAll(trivy);
        Set<String> extras = new TreeSet<>(bulwark);
        extras.removeAll(trivy);
        assertThat(extras).as("packages only Bulwark reports").isSubsetOf(EXPLAINED_EXTRAS);
    }

    static String withoutQualifiers(String purl) {
        int q = purl.indexOf('?');
        return (q < 0 ? purl : purl.substring(0, q)).replace("+", "%2B");
    }
}
