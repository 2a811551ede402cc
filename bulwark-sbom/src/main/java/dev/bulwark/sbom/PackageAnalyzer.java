package dev.bulwark.sbom;

import java.io.IOException;

/**
 * Reads one file format and reports what it finds, one layer at a time. Analyzers decide from the path (and size and
 * mode) alone which files they read, so that a layer's other files are never read; the results of one layer depend on
 * that layer's content only, so they can be cached by layer diffID and {@link AnalyzerDescriptor#cacheKey()}.
 * Judging a result against the final filesystem (deleted later? owned by an OS package?) happens after the walk.
 *
 * <p>Implementations are stateless and thread-safe: layers may be analysed in parallel.
 */
public interface PackageAnalyzer {

    AnalyzerDescriptor descriptor();

    /**
     * Whether this analyzer reads the regular file at {@code path}. Must be cheap: string tests, no regular
     * expressions, no I/O.
     *
     * @param path absolute, normalised path inside the image
     * @param size content size in bytes
     * @param mode permission bits
     */
    boolean accepts(String path, long size, int mode);

    /**
     * Reads one accepted file and reports packages, owned files, release files and warnings to {@code out}. A
     * malformed file is reported with {@link LayerResult.Builder#warn}; only I/O failures of the image itself throw.
     */
    void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException;
}
