package dev.bulwark.image;

import java.io.IOException;

/**
 * Receives the entries of one layer, in archive order. The two-step protocol lets a source decide, from the header
 * alone, whether an entry's bytes need to be read (and by how many consumers) before reading any of them; most
 * entries of most layers are never read.
 */
public interface EntryVisitor {

    /**
     * Whether {@link #visit} will read this entry's content. Called for every entry before {@code visit}; must be
     * cheap (path and size only: no regular expressions in hot paths).
     */
    boolean wantsContent(FileEntry header);

    /** Called for every entry; may call {@link FileEntry#open()} only if {@link #wantsContent} said so. */
    void visit(FileEntry entry) throws IOException;

    /** Called after the layer's last entry. */
    default void end() throws IOException {
    }
}
