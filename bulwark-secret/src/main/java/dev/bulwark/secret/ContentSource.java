package dev.bulwark.secret;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a file's content when, and only when, the scanner decides it needs it; for a tar entry this is the entry's
 * stream, which the scanner reads (up to the size limit) but does not close.
 */
@FunctionalInterface
public interface ContentSource {

    InputStream open() throws IOException;
}
