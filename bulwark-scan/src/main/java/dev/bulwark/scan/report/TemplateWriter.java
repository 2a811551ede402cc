package dev.bulwark.scan.report;

import dev.bulwark.core.UsageException;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's Pebble template ({@code --format template --template FILE}). The template sees the report model
 * (documented in the README): {@code report}, {@code artifact}, {@code results}, {@code findings} (every reported
 * finding) and {@code warnings}; records are read by their component names ({@code result.target},
 * {@code v.pkg.name}). Templates are loaded from the one file only (no includes from disk) and are not
 * auto-escaped, since reports are text of any kind.
 */
public final class TemplateWriter implements ReportWriter {

    private final PebbleTemplate template;
    private final String file;

    private TemplateWriter(PebbleTemplate template, String file) {
        this.template = template;
        this.file = file;
    }

    /** @throws UsageException naming the file when it cannot be read or compiled */
    public static TemplateWriter load(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("--template " + file, "cannot read (" + e.getMessage() + ")", e);
        }
        PebbleEngine engine = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false)
                .strictVariables(false).newLineTrimming(false).cacheActive(false).build();
        try {
            return new TemplateWriter(engine.getTemplate(source), file.toString());
        } catch (PebbleException e) {
            throw new UsageException("--template " + file, "invalid template: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("report", report);
        context.put("artifact", report.artifact());
        context.put("results", report.results());
        context.put("findings", report.findings().toList());
        context.put("warnings", report.warnings());
        context.put("packages", report.packages());
        try {
            template.evaluate(out, context);
        } catch (PebbleException e) {
            throw new UsageException("--template " + file, "cannot render: " + e.getMessage(), e);
        }
    }

    /** The names a template can use, for documentation and tests. */
    public static List<String> variables() {
        return List.of("report", "artifact", "results", "findings", "warnings", "packages");
    }
}
