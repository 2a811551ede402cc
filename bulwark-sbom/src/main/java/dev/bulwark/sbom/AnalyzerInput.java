package dev.bulwark.sbom;

import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * One file handed to an analyzer.
 *
 * @param path absolute, normalised path inside the image or root filesystem
 * @param size content size in bytes
 * @param mode permission bits
 * @param content the content, readable once during {@link PackageAnalyzer#analyze}; not to be closed by analyzers
 * @param layer the layer the file comes from, or {@code null} for a root filesystem or directory
 * @param tempDir where an analyzer may spool data it cannot stream (inside the cache directory); it deletes its files
 */
public record AnalyzerInput(String path, long size, int mode, InputStream content, LayerRef layer, Path tempDir) {

    /** The location of this file, or of an entry inside it when {@code inner} is not null ({@code path!/inner}). */
    public Location location(String inner) {
        return new Location(inner == null ? path : path + "!/" + inner, layer);
    }

    /** The file name (last path component). */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The directory holding the file. */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
