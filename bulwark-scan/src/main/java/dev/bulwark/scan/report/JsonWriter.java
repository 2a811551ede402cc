package dev.bulwark.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.internal.JsonCodec;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON report: the whole model with stable field names, documented in {@code docs/json-report.md} and
 * {@code docs/json-report.schema.json}; {@code bulwark convert} reads it back.
 */
public final class JsonWriter implements ReportWriter {

    @Override
    public void write(Report report, Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writeValue(out, JsonCodec.report(report));
        out.write('\n');
    }
}
