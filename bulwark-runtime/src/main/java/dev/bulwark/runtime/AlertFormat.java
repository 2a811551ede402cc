package dev.bulwark.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * How an alert is written: Falco's text line ({@code 16:17:57.881781397: Warning An open was seen ...}) or Falco's
 * JSON object ({@code hostname}, {@code output}, {@code output_fields}, {@code priority}, {@code rule},
 * {@code source}, {@code tags}, {@code time}, keys in that order as Falco's jsoncpp writes them), with Falco's
 * {@code json_include_output_property} and {@code json_include_tags_property} switches.
 */
public record AlertFormat(boolean json, boolean includeOutput, boolean includeTags) {

    public static final AlertFormat TEXT = new AlertFormat(false, true, true);
    public static final AlertFormat JSON = new AlertFormat(true, true, true);

    private static final JsonFactory FACTORY = new JsonFactory();

    /** One line, without line terminator. */
    public String format(Alert alert) {
        return json ? json(alert, includeOutput, includeTags) : alert.output();
    }

    /** The alert as Falco's JSON object, with every property. */
    public static String json(Alert alert) {
        return json(alert, true, true);
    }

    private static String json(Alert alert, boolean output, boolean tags) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("hostname", alert.hostname());
            if (output) {
                g.writeStringField("output", alert.output());
            }
            g.writeObjectFieldStart("output_fields");
            for (Map.Entry<String, Object> field : alert.outputFields().entrySet()) {
                g.writeFieldName(field.getKey());
                switch (field.getValue()) {
                    case null -> g.writeNull();
                    case Long l -> g.writeNumber(l);
                    case Integer i -> g.writeNumber(i);
                    case Boolean b -> g.writeBoolean(b);
                    default -> g.writeString(String.valueOf(field.getValue()));
                }
            }
            g.writeEndObject();
            g.writeStringField("priority", alert.priority().display());
            g.writeStringField("rule", alert.rule());
            g.writeStringField("source", alert.source());
            if (tags) {
                g.writeArrayFieldStart("tags");
                for (String tag : alert.tags()) {
                    g.writeString(tag);
                }
                g.writeEndArray();
            }
            g.writeStringField("time", isoTime(alert.timeNs()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code 2016-08-04T16:17:57.881781397Z}, the {@code time} Falco's JSON carries. */
    public static String isoTime(long ns) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        String base = instant.toString();
        int dot = base.indexOf('.');
        String seconds = dot < 0 ? base.substring(0, base.length() - 1) : base.substring(0, dot);
        return seconds + "." + String.format("%09d", Math.floorMod(ns, 1_000_000_000L)) + "Z";
    }
}
