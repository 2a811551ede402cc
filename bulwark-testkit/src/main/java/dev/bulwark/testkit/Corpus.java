package dev.bulwark.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared, read-only test corpus at {@code ../shared/corpus} beside the repository (system property
 * {@code bulwark.corpus}, set by the build). Tests that need it call {@link #require}, which skips the test with a
 * message when the corpus or the file is absent, so a checkout without the corpus still builds.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus root, or {@code null} when it is absent. */
    public static Path root() {
        String configured = System.getProperty("bulwark.corpus");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpus");
        root = root.toAbsolutePath().normalize();
        return Files.isDirectory(root) ? root : null;
    }

    /**
     * The corpus file or directory at {@code relative} (e.g. {@code images/alpine-3.12.12.oci.tar}); skips the
     * calling test when it does not exist.
     */
    public static Path require(String relative) {
        Path root = root();
        Assumptions.assumeTrue(root != null,
                "shared corpus not found at ../shared/corpus (set -Dbulwark.corpus=DIR); skipping");
        Path file = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(file), "corpus file " + file + " not found; skipping");
        return file;
    }
}
