package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import java.io.IOException;
import java.io.Writer;

/** Alerts as lines on a writer (standard output); the writer is flushed after each alert, not closed. */
public final class WriterOutput implements Output {

    private final String name;
    private final Writer writer;
    private final AlertFormat format;

    public WriterOutput(String name, Writer writer, AlertFormat format) {
        this.name = name;
        this.writer = writer;
        this.format = format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(Alert alert) throws IOException {
        writer.write(format.format(alert));
        writer.write('\n');
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.flush();
    }
}
