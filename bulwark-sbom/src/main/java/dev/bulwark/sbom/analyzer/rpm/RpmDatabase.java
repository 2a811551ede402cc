package dev.bulwark.sbom.analyzer.rpm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** One rpm database backend: yields the header blobs it stores, reporting damage without giving up. */
interface RpmDatabase {

    /**
     * Reads every header blob of the database file.
     *
     * @param file a private copy of the database (never the image's own file)
     * @param blobs receives each header blob
     * @param problems receives a description of each damaged part that was skipped
     */
    void read(Path file, Consumer<byte[]> blobs, Consumer<String> problems) throws IOException;
}
