package dev.bulwark.scan;

import java.io.IOException;
import java.io.Writer;

/** Renders a {@link Report} in one output format; one implementation per format ({@link ReportWriters}). */
public interface ReportWriter {

    void write(Report report, Writer out) throws IOException;
}
