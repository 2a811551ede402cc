package dev.bulwark.config.internal.kubernetes;

import java.util.List;

/**
 * The documents of a manifest file and where their parts are; {@code error} is set when reading stopped early (the
 * documents before the error are kept).
 *
 * @param documents the documents read
 * @param sourceMap line ranges of maps and lists
 * @param error why reading stopped, or {@code null}
 */
public record ManifestFile(List<ManifestDocument> documents, SourceMap sourceMap, ManifestSyntaxException error) {

    public ManifestFile {
        documents = List.copyOf(documents);
    }
}
