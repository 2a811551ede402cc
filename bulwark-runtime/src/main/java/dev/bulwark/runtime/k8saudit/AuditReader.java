package dev.bulwark.runtime.k8saudit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams Kubernetes audit events ({@code audit.k8s.io} {@code Event} objects) from what API servers write and send:
 * JSON lines (the log backend), a JSON array or pretty-printed values, and {@code EventList} objects (the webhook
 * backend's batches). A value that is not an audit event is reported and skipped, as Falco's k8saudit plugin does
 * ("data not recognized as a k8s audit event"). In JSON-lines input each line stands alone, so a malformed line costs
 * that line only; in other input a syntax error ends the input with an error naming the position. Memory stays
 * bounded by the largest single line ({@link #MAX_LINE_BYTES}) or value.
 */
public final class AuditReader {

    /** A line larger than this is skipped (and reported) instead of buffered. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    /** Reasons for skipping a record, used as counter names. */
    public static final String NOT_AN_EVENT = "not_an_audit_event";
    public static final String MALFORMED = "malformed_json";
    public static final String TOO_LARGE = "too_large";

    /** Receives the events and the problems of one input, in order. */
    public interface Handler {
        void event(AuditEvent event);

        /**
         * A record that was skipped.
         *
         * @param where {@code line N} or {@code value N}
         * @param reason one of {@link #NOT_AN_EVENT}, {@link #MALFORMED}, {@link #TOO_LARGE}
         */
        void problem(String where, String reason, String problem);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final String source;
    private final Handler handler;
    private final int maxLine;
    private long num;

    private AuditReader(String source, Handler handler, int maxLine) {
        this.source = source;
        this.handler = handler;
        this.maxLine = maxLine;
    }

    /**
     * Reads every event of {@code in}; {@code source} names the input in errors.
     *
     * @throws InputException when a JSON document that is not JSON lines is malformed (the events before the error
     *         have been delivered)
     */
    public static void read(String source, InputStream in, Handler handler) {
        new AuditReader(source, handler, MAX_LINE_BYTES).read(in);
    }

    /** {@link #read} with another line bound (tests). */
    static void read(String source, InputStream in, Handler handler, int maxLine) {
        new AuditReader(source, handler, maxLine).read(in);
    }

    /** The events of one parsed JSON value: an Event, an EventList or an array of them. */
    public static void accept(String source, JsonNode value, Handler handler) {
        new AuditReader(source, handler, MAX_LINE_BYTES).value(value, "value 1");
    }

    private void read(InputStream raw) {
        try (BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
            in.mark(maxLine + 1);
            byte[] first = LineReader.next(in, maxLine);
            boolean jsonLines = first != null && first != LineReader.TOO_LONG && isCompleteValue(first);
            in.reset();
            if (jsonLines) {
                readLines(in);
            } else {
                readDocument(in);
            }
        } catch (IOException e) {
            throw new InputException(source, "cannot read audit events: " + e.getMessage(), e);
        }
    }

    private static boolean isCompleteValue(byte[] line) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void readLines(InputStream in) throws IOException {
        long line = 0;
        byte[] bytes;
        while ((bytes = LineReader.next(in, maxLine)) != null) {
            line++;
            String where = "line " + line;
            if (bytes == LineReader.TOO_LONG) {
                handler.problem(where, TOO_LARGE, "line longer than " + maxLine + " bytes");
                continue;
            }
            if (isBlank(bytes)) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                handler.problem(where, MALFORMED, "malformed JSON: " + e.getOriginalMessage());
                continue;
            }
            value(node, where);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A JSON array or any sequence of values: streamed, an array element at a time. */
    private void readDocument(InputStream in) throws IOException {
        long index = 0;
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        index++;
                        value(MAPPER.readTree(parser), "value " + index);
                    }
                } else {
                    index++;
                    value(MAPPER.readTree(parser), "value " + index);
                }
            }
        } catch (JsonProcessingException e) {
            throw new InputException(source, "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private void value(JsonNode node, String where) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                value(element, where);
            }
            return;
        }
        String kind = node.path("kind").isTextual() ? node.path("kind").asText() : "";
        if (kind.equals("EventList") && node.path("items").isArray()) {
            for (JsonNode item : node.path("items")) {
                value(item, where);
            }
            return;
        }
        if (!kind.equals("Event")) {
            handler.problem(where, NOT_AN_EVENT, "data not recognized as a k8s audit event");
            return;
        }
        handler.event(new AuditEvent(node, ++num));
    }

    /** Reads {@code \n}-terminated lines with a length bound. */
    private static final class LineReader {
        static final byte[] TOO_LONG = new byte[0];

        static byte[] next(InputStream in, int max) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (line.size() >= max) {
                    tooLong = true;
                    line.reset();
                }
                if (!tooLong) {
                    line.write(c);
                }
            }
            if (!any) {
                return null;
            }
            return tooLong ? TOO_LONG : line.toByteArray();
        }
    }
}
