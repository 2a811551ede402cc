package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.PackageType;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against the peer: Trivy 0.44.1 matched the same OSV corpus
 * ({@code images/trivy-baseline/*.vulns.tsv}); our findings for the same images (package lists from the ground
 * truth) must equal Trivy's, except for the differences docs/accuracy.md lists, each recognised here by its reason.
 * A finding equals a Trivy row when package, installed version and one of the finding's ids agree.
 */
class TrivyDifferentialTest {

    /** Spring jars carry no pom.properties; Trivy identifies them only with its Java DB (empty offline). */
    private static final Set<String> SPRING_WITHOUT_POM = Set.of("org.springframework:spring-core",
            "org.springframework:spring-beans", "org.springframework:spring-context",
            "org.springframework:spring-expression", "org.springframework:spring-aop",
            "org.springframework:spring-jcl", "org.springframework.boot:spring-boot",
            "org.springframework.boot:spring-boot-autoconfigure",
            "org.springframework.boot:spring-boot-jarmode-layertools");

    private static VulnDatabase db;

    @BeforeAll
    static void open() {
        db = VulnDatabase.open(TestDatabases.corpus());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    record Row(String pkg, String version, String id, String fixed) {
    }

    static Stream<Arguments> images() {
        return Stream.of("pkgdb-alpine-3.9.4", "pkgdb-alpine-3.10.4", "pkgdb-alpine-3.11.5", "pkgdb-debian-9.11",
                "pkgdb-centos-8.2.2004", "alpine-3.20.3-app", "debian-13-slim-app").map(Arguments::of);
    }

    private static GroundTruthInventory.Image image(String name) throws IOException {
        return switch (name) {
            case "pkgdb-alpine-3.9.4" -> GroundTruthInventory.pkgdbAlpine("3.9.4");
            case "pkgdb-alpine-3.10.4" -> GroundTruthInventory.pkgdbAlpine("3.10.4");
            case "pkgdb-alpine-3.11.5" -> GroundTruthInventory.pkgdbAlpine("3.11.5");
            case "pkgdb-debian-9.11" -> GroundTruthInventory.pkgdbDebian();
            case "pkgdb-centos-8.2.2004" -> GroundTruthInventory.pkgdbCentos();
            case "alpine-3.20.3-app" -> GroundTruthInventory.alpineApp();
            case "debian-13-slim-app" -> GroundTruthInventory.debianApp();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void findingsEqualTrivysExceptForDocumentedReasons(String name) throws IOException {
        GroundTruthInventory.Image image = image(name);
        Path baseline = Corpus.require("images/trivy-baseline/" + image.name() + ".vulns.tsv");
        List<Row> trivy = new ArrayList<>();
        for (String line : Files.readAllLines(baseline)) {
            if (!line.isBlank()) {
                String[] t = line.split("\t", -1);
                trivy.add(new Row(t[0], t[1], t[2], t[3]));
            }
        }
        List<VulnerabilityFinding> ours = new VulnerabilityMatcher(db).match(image.os(), image.packages());

        TreeMap<String, List<String>> unexplained = new TreeMap<>();
        TreeMap<String, Integer> explained = new TreeMap<>();
        int equal = 0;
        for (Row row : trivy) {
            long matches = ours.stream().filter(f -> f.pkg().name().equals(row.pkg())
                    && displayedVersion(f).equals(row.version()) && ids(f).contains(row.id())).count();
            if (matches > 1) {
                System.out.printf("%s: Trivy row %s matches %d findings%n", name, row, matches);
            }
            if (matches > 0) {
                equal++;
            } else {
                unexplained.computeIfAbsent("only Trivy", k -> new ArrayList<>()).add(row.toString());
            }
        }
        for (VulnerabilityFinding f : ours) {
            boolean found = trivy.stream().anyMatch(r -> r.pkg().equals(f.pkg().name())
                    && r.version().equals(displayedVersion(f)) && ids(f).contains(r.id()));
            if (found) {
                continue;
            }
            String reason = reason(f);
            if (reason != null) {
                explained.merge(reason, 1, Integer::sum);
            } else {
                unexplained.computeIfAbsent("only Bulwark", k -> new ArrayList<>())
                        .add(f.pkg().name() + " " + f.pkg().version() + " " + f.id() + " " + f.aliases());
            }
        }
        System.out.printf("%s: Trivy %d, Bulwark %d, equal %d, explained extra %s%n", name, trivy.size(),
                ours.size(), equal, explained);
        assertThat(unexplained).as("differences from Trivy without a documented reason").isEmpty();
    }

    /** Trivy shows the binary version of OS packages. */
    private static String displayedVersion(VulnerabilityFinding f) {
        return f.pkg().version();
    }

    private static List<String> ids(VulnerabilityFinding f) {
        List<String> ids = new ArrayList<>(f.aliases());
        ids.add(f.id());
        return ids;
    }

    /** The documented reason for a finding Trivy does not report, or {@code null}. */
    private static String reason(VulnerabilityFinding f) {
        if (f.pkg().type() == PackageType.GOLANG && f.pkg().name().equals("stdlib")) {
            return "Go stdlib (Trivy 0.44.1 does not report the stdlib of Go binaries)";
        }
        if (SPRING_WITHOUT_POM.contains(f.pkg().name())) {
            return "Spring jar without pom.properties (Trivy needs its Java DB to identify it)";
        }
        if (f.dataSource().startsWith("AlmaLinux:") && f.pkg().type() == PackageType.RPM) {
            return "AlmaLinux data applied to CentOS 8 (Trivy has no such mapping)";
        }
        return null;
    }
}
