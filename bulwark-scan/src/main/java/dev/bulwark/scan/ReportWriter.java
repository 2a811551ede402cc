package dev.bulwark.scan;

import java.io.IOException;
import java.io.Writer;

/** Renders a {@link ScanResult} in one output format; one implementation per format ({@link ReportWriters}). */
public interface ReportWriter {

    void write(ScanResult result, Writer out) throws IOException;
}
