package dev.bulwark.vuln;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.vuln.ParsedDocument.Entry;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvEvent;
import dev.bulwark.vuln.osv.OsvRange;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.osv.OsvSeverity;
import dev.bulwark.vuln.osv.Timestamps;
import dev.bulwark.vuln.store.AdvisoryCodec;
import dev.bulwark.vuln.store.EntryCodec;
import dev.bulwark.vuln.store.PackageKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The import's fast path: reads a document holding one OSV record with Jackson's streaming parser, straight into
 * the stored forms, without building a tree. It gives exactly what the tree path of {@link DocumentParser} gives,
 * and declines ({@code null}) every document it is not sure about, which then takes the tree path: anything but a
 * single object, duplicate keys, {@code affected} or {@code ranges} written as objects, a blank or non-string id,
 * a document that is not obviously a record (the KEV catalogue, schemas), trailing content, non-UTF-8 input.
 * Free-form objects ({@code database_specific}, {@code ecosystem_specific}, per-package {@code severity}) are kept
 * as the document's own bytes.
 */
final class StreamingRecordParser {

    private static final byte[] NONE = new byte[0];

    /** Thrown inside the reader to decline the document. */
    private static final class Decline extends Exception {
        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    private final JsonFactory factory;

    StreamingRecordParser(JsonFactory factory) {
        this.factory = factory;
    }

    /** The record in {@code json}, or {@code null} to let the tree path handle the document. */
    ParsedDocument.Record parse(byte[] json) {
        if (!startsWithObject(json) || !isUtf8(json)) {
            return null;
        }
        try (JsonParser p = factory.createParser(json)) {
            return record(p, json);
        } catch (Decline | IOException e) {
            return null;
        }
    }

    /**
     * Whether the bytes are well-formed UTF-8. This parser skips fields it does not use without decoding them, so an
     * invalid byte there would pass, while the tree path (which decodes everything) calls the document not JSON: a
     * document the two would judge differently is left to the tree path. Almost every document is ASCII, which one
     * OR over the bytes tells.
     */
    static boolean isUtf8(byte[] json) {
        int all = 0;
        for (byte b : json) {
            all |= b;
        }
        if (all >= 0) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWithObject(byte[] json) {
        for (byte b : json) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    private ParsedDocument.Record record(JsonParser p, byte[] json) throws IOException, Decline {
        expect(p.nextToken() == JsonToken.START_OBJECT);
        Set<String> seen = new HashSet<>();
        String id = null;
        boolean recordLike = false;
        boolean withdrawn = false;
        String modified = null;
        String published = null;
        String summary = null;
        String details = null;
        List<String> aliases = List.of();
        List<String> upstream = List.of();
        List<String> related = List.of();
        List<OsvSeverity> severity = List.of();
        List<String> references = List.of();
        byte[] databaseSpecific = NONE;
        List<Entry> entries = new ArrayList<>();
        int[] withoutPackageAndGit = new int[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            expect(seen.add(name));
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    expect(t == JsonToken.VALUE_STRING);
                    id = p.getText();
                }
                case "modified" -> {
                    recordLike = true;
                    modified = text(p, t);
                }
                case "aliases" -> {
                    recordLike = true;
                    aliases = strings(p, t);
                }
                case "affected" -> {
                    recordLike = true;
                    affected(p, t, json, entries, withoutPackageAndGit);
                }
                case "withdrawn" -> {
                    withdrawn = t != JsonToken.VALUE_NULL;
                    p.skipChildren();
                }
                case "published" -> published = text(p, t);
                case "summary" -> summary = text(p, t);
                case "details" -> details = text(p, t);
                case "upstream" -> upstream = strings(p, t);
                case "related" -> related = strings(p, t);
                case "severity" -> severity = severities(p, t);
                case "references" -> references = references(p, t);
                case "database_specific" -> databaseSpecific = raw(p, t, json);
                case "vulnerabilities", "catalogVersion" -> throw DECLINE;
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null);
        expect(id != null && !id.isBlank() && recordLike);
        String stripped = id.strip();
        CRC32 crc = new CRC32();
        crc.update(json);
        String identity = stripped + "\0" + json.length + "\0" + crc.getValue();
        if (withdrawn) {
            return new ParsedDocument.Record(stripped, identity, true, 0, 0, List.of(), null, NONE);
        }
        OsvRecord header = new OsvRecord(id, instant(modified), instant(published), null, aliases, upstream,
                related, summary, details, severity, List.of(), references, Map.of());
        byte[] body = entries.isEmpty() ? NONE : AdvisoryCodec.encode(header, databaseSpecific);
        return new ParsedDocument.Record(stripped, identity, false, withoutPackageAndGit[0], withoutPackageAndGit[1],
                entries, header.modified(), body);
    }

    private static java.time.Instant instant(String text) {
        return text == null ? null : Timestamps.parse(text);
    }

    private static void affected(JsonParser p, JsonToken t, byte[] json, List<Entry> entries, int[] counts)
            throws IOException, Decline {
        if (t == JsonToken.START_OBJECT) {
            throw DECLINE;
        }
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                counts[0]++;
                continue;
            }
            entry(p, json, entries, counts);
        }
    }

    /** One {@code affected[]} object, the parser on its START_OBJECT. */
    private static void entry(JsonParser p, byte[] json, List<Entry> entries, int[] counts)
            throws IOException, Decline {
        Set<String> seen = new HashSet<>();
        String ecosystem = null;
        String name = null;
        String purl = null;
        List<OsvRange> ranges = List.of();
        int git = 0;
        List<String> versions = List.of();
        byte[] severity = NONE;
        byte[] ecosystemSpecific = NONE;
        byte[] databaseSpecific = NONE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            expect(seen.add(field));
            JsonToken t = p.nextToken();
            switch (field) {
                case "package" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String[] pkg = packageFields(p);
                        ecosystem = pkg[0];
                        name = pkg[1];
                        purl = pkg[2];
                    } else {
                        p.skipChildren();
                    }
                }
                case "ranges" -> {
                    if (t == JsonToken.START_OBJECT) {
                        throw DECLINE;
                    }
                    if (t == JsonToken.START_ARRAY) {
                        ranges = new ArrayList<>();
                        git = ranges(p, ranges);
                    } else {
                        p.skipChildren();
                    }
                }
                case "versions" -> versions = strings(p, t);
                case "severity" -> severity = raw(p, t, json);
                case "ecosystem_specific" -> ecosystemSpecific = raw(p, t, json);
                case "database_specific" -> databaseSpecific = raw(p, t, json);
                default -> p.skipChildren();
            }
        }
        if (ecosystem == null || name == null || ecosystem.isBlank() || name.isBlank()) {
            counts[0]++;
            return;
        }
        counts[1] += git;
        String eco = ecosystem.strip();
        String pkgName = name.strip();
        OsvAffected part = new OsvAffected(eco, pkgName, purl, ranges, versions, List.of(), Map.of(), Map.of());
        entries.add(new Entry(eco, PackageKey.of(eco, pkgName),
                EntryCodec.encode(part, details(severity, ecosystemSpecific, databaseSpecific))));
    }

    /** {@code [ecosystem, name, purl]} of a package object (each null unless a string). */
    private static String[] packageFields(JsonParser p) throws IOException, Decline {
        Set<String> seen = new HashSet<>();
        String[] out = new String[3];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            expect(seen.add(field));
            JsonToken t = p.nextToken();
            switch (field) {
                case "ecosystem" -> out[0] = text(p, t);
                case "name" -> out[1] = text(p, t);
                case "purl" -> out[2] = text(p, t);
                default -> p.skipChildren();
            }
        }
        return out;
    }

    /** Reads a ranges array into {@code out}; returns how many of its ranges have type {@code GIT}. */
    private static int ranges(JsonParser p, List<OsvRange> out) throws IOException, Decline {
        int git = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            Set<String> seen = new HashSet<>();
            String type = null;
            List<OsvEvent> events = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                expect(seen.add(field));
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> type = text(p, v);
                    case "events" -> events(p, v, events);
                    default -> p.skipChildren();
                }
            }
            if ("GIT".equals(type)) {
                git++;
            }
            if (!events.isEmpty() && type != null) {
                out.add(new OsvRange(type, events));
            }
        }
        return git;
    }

    private static void events(JsonParser p, JsonToken t, List<OsvEvent> out) throws IOException, Decline {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                expect(seen.add(key));
                JsonToken v = p.nextToken();
                OsvEvent.Kind kind = OsvEvent.Kind.ofJson(key);
                String version = text(p, v);
                if (kind != null && version != null && !version.isBlank()) {
                    out.add(new OsvEvent(kind, version.strip()));
                }
            }
        }
    }

    /** A string value, or {@code null} (the value skipped) for anything else. */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** The non-blank strings of an array, stripped; empty for anything but an array. */
    private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String s = text(p, t);
            if (s != null && !s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static List<OsvSeverity> severities(JsonParser p, JsonToken t) throws IOException, Decline {
        List<OsvSeverity> out = new ArrayList<>();
        for (String[] fields : objects(p, t, "type", "score")) {
            if (fields[0] != null && fields[1] != null) {
                out.add(new OsvSeverity(fields[0], fields[1].strip()));
            }
        }
        return out;
    }

    private static List<String> references(JsonParser p, JsonToken t) throws IOException, Decline {
        List<String> out = new ArrayList<>();
        for (String[] fields : objects(p, t, "url")) {
            if (fields[0] != null) {
                out.add(fields[0]);
            }
        }
        return out;
    }

    /** For each object of an array, its string values of {@code names} (null when absent or not a string). */
    private static List<String[]> objects(JsonParser p, JsonToken t, String... names) throws IOException, Decline {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            Set<String> seen = new HashSet<>();
            String[] values = new String[names.length];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                expect(seen.add(key));
                JsonToken v = p.nextToken();
                int i = Arrays.asList(names).indexOf(key);
                if (i >= 0) {
                    values[i] = text(p, v);
                } else {
                    p.skipChildren();
                }
            }
            out.add(values);
        }
        return out;
    }

    /**
     * A non-empty object or array as the document's bytes without insignificant whitespace; nothing for anything
     * else.
     */
    private static byte[] raw(JsonParser p, JsonToken t, byte[] json) throws IOException, Decline {
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return NONE;
        }
        long start = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long end = p.currentLocation().getByteOffset();
        byte open = (byte) (t == JsonToken.START_OBJECT ? '{' : '[');
        byte close = (byte) (t == JsonToken.START_OBJECT ? '}' : ']');
        expect(start >= 0 && end >= start + 2 && end <= json.length && json[(int) start] == open
                && json[(int) end - 1] == close);
        byte[] out = minified(json, (int) start, (int) end);
        return out.length == 2 ? NONE : out;
    }

    /** Valid JSON bytes without the whitespace between tokens. */
    static byte[] minified(byte[] json, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            if (inString) {
                out[n++] = b;
                if (b == '\\') {
                    out[n++] = json[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out[n++] = b;
                inString = b == '"';
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The JSON object of an entry's free-form fields, in the order the tree path writes them. */
    private static byte[] details(byte[] severity, byte[] ecosystemSpecific, byte[] databaseSpecific) {
        if (severity.length == 0 && ecosystemSpecific.length == 0 && databaseSpecific.length == 0) {
            return NONE;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                32 + severity.length + ecosystemSpecific.length + databaseSpecific.length);
        String separator = "{";
        for (Object[] field : new Object[][] {{"severity", severity}, {"ecosystem_specific", ecosystemSpecific},
            {"database_specific", databaseSpecific}}) {
            byte[] value = (byte[]) field[1];
            if (value.length > 0) {
                out.writeBytes((separator + "\"" + field[0] + "\":").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(value);
                separator = ",";
            }
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void expect(boolean condition) throws Decline {
        if (!condition) {
            throw DECLINE;
        }
    }
}
