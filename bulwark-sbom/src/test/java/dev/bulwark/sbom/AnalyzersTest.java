package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyzer catalogue: unique cache keys, sensible selections, and the table in docs/architecture.md is true. */
class AnalyzersTest {

    @Test
    void everyAnalyzerHasAUniqueCacheKeyAndOneKind() {
        List<PackageAnalyzer> all = Analyzers.all();
        assertThat(all).extracting(a -> a.descriptor().cacheKey()).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(a -> assertThat(a.descriptor().tags()).hasSize(1));
        assertThat(Analyzers.forImages()).noneMatch(a -> a.descriptor().tags().contains(
                AnalyzerDescriptor.Tag.LOCKFILE));
        assertThat(Analyzers.forDirectories()).allMatch(a -> a.descriptor().tags().contains(
                AnalyzerDescriptor.Tag.LOCKFILE));
    }

    @Test
    void architectureDocumentListsEveryAnalyzerWithItsFiles() throws IOException {
        Path doc = Path.of(System.getProperty("bulwark.repo", ".."), "docs", "architecture.md");
        if (!Files.exists(doc)) {
            doc = Path.of("..", "docs", "architecture.md");
        }
        String text = Files.readString(doc);
        for (PackageAnalyzer analyzer : Analyzers.all()) {
            AnalyzerDescriptor d = analyzer.descriptor();
            assertThat(text).as(d.name()).contains("| `" + d.cacheKey() + "` | " + d.ecosystem() + " | "
                    + String.join(", ", d.globs().stream().map(g -> "`" + g + "`").toList()) + " |");
        }
    }
}
