package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Language packages of the two app images equal {@code expected/app-layers.tsv}: every jar (Spring jars without
 * pom.properties, nested fat-jar contents, shaded artifacts), npm package and Go module in the final filesystem, with
 * the layer that brought it; the jar deleted by a whiteout is absent.
 */
class CorpusAppLayersTest {

    private static final Set<String> KINDS = Set.of("maven", "npm", "golang");

    @TempDir
    Path cache;

    @ParameterizedTest
    @ValueSource(strings = {"alpine-3.20.3-app.oci.tar", "alpine-3.20.3-app.docker.tar.gz",
        "debian-13-slim-app.docker.tar.gz"})
    void languagePackagesEqualTheGroundTruthWithTheirLayers(String image) throws IOException {
        Inventory inventory = TestScans.scanFile(Corpus.require("images/" + image), cache);
        List<String> expected = Files.readAllLines(Corpus.require("images/expected/app-layers.tsv")).stream()
                .skip(1).map(l -> l.split("\t", -1))
                .filter(c -> KINDS.contains(c[2]) && c[5].equals("yes"))
                .map(c -> String.join("\t", c[0], c[1], c[2], c[3], c[4])).sorted().toList();
        List<String> actual = inventory.packages().stream().filter(p -> !p.type().isOperatingSystem())
                .map(CorpusAppLayersTest::row).sorted().toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(31 + 3 + 54 + 4);
        assertThat(actual).noneMatch(r -> r.contains("commons-collections"));
        assertThat(inventory.warnings()).isEmpty();
    }

    static String row(Package p) {
        return String.join("\t", String.valueOf(p.layer().index() + 1), p.path(), p.type().purlType(), p.name(),
                p.version());
    }
}
