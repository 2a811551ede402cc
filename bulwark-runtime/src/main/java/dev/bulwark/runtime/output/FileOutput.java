package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Alerts appended to a file, one line each (Falco's {@code file_output} with {@code keep_alive}). */
public final class FileOutput implements Output {

    private final Path file;
    private final BufferedWriter writer;
    private final AlertFormat format;

    public FileOutput(Path file, AlertFormat format) throws IOException {
        this.file = file;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.format = format;
    }

    @Override
    public String name() {
        return "file:" + file;
    }

    @Override
    public void write(Alert alert) throws IOException {
        writer.write(format.format(alert));
        writer.newLine();
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
