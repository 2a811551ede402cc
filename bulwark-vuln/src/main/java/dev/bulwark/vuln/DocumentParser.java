package dev.bulwark.vuln;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.vuln.ParsedDocument.Entry;
import dev.bulwark.vuln.ParsedDocument.RecordResult;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvFormatException;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.store.AdvisoryCodec;
import dev.bulwark.vuln.store.EntryCodec;
import dev.bulwark.vuln.store.PackageKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Turns one input document into its storable form ({@link ParsedDocument}): parses the JSON once, encodes each
 * affected entry and the advisory body in their binary forms, and keeps only the free-form objects as JSON.
 * A document holding one plain record takes the {@link StreamingRecordParser streaming path}; everything else
 * (arrays of records, the KEV catalogue, odd or invalid documents) is read as a Jackson tree, here.
 * Stateless apart from thread-safe Jackson objects, so one instance serves every parser thread.
 */
final class DocumentParser {

    private static final String[] ENTRY_DETAILS = {"severity", "ecosystem_specific", "database_specific"};
    private static final byte[] NONE = new byte[0];

    private final ObjectMapper mapper = new ObjectMapper();
    private final StreamingRecordParser streaming = new StreamingRecordParser(mapper.getFactory());

    ParsedDocument parse(String origin, byte[] json) {
        ParsedDocument.Record fast = streaming.parse(json);
        return fast != null ? new ParsedDocument.Records(List.of(fast)) : parseTree(origin, json);
    }

    /** The tree path, for every document; {@code parse} uses it where the streaming path declines. */
    ParsedDocument parseTree(String origin, byte[] json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return new ParsedDocument.NotJson("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // The bytes are in memory, so this is the content too: Jackson's encoding detection took the first bytes
            // for UTF-32 and failed with a CharConversionException, which is no JsonProcessingException.
            return new ParsedDocument.NotJson("not JSON: " + e.getMessage());
        }
        if (node == null) {
            return new ParsedDocument.NotJson("empty document");
        }
        if (node.isObject() && node.path("vulnerabilities").isArray() && node.has("catalogVersion")) {
            List<String[]> entries = new ArrayList<>();
            for (JsonNode v : node.get("vulnerabilities")) {
                String cve = v.path("cveID").asText("");
                if (cve.startsWith("CVE-")) {
                    entries.add(new String[] {cve, v.path("dateAdded").asText("")});
                }
            }
            return new ParsedDocument.KevCatalog(node.path("catalogVersion").asText(""), entries);
        }
        if (node.isArray()) {
            List<RecordResult> out = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                out.add(record(element, null));
            }
            return new ParsedDocument.Records(out);
        }
        if (OsvParser.looksLikeRecord(node)) {
            return new ParsedDocument.Records(List.of(record(node, json)));
        }
        return new ParsedDocument.NotOsv();
    }

    private RecordResult record(JsonNode node, byte[] raw) {
        if (!node.isObject() || !node.path("id").isTextual() || node.path("id").asText().isBlank()) {
            return new ParsedDocument.RecordWithoutId("not an OSV record (no string 'id')");
        }
        byte[] bytes = raw != null ? raw : node.toString().getBytes(StandardCharsets.UTF_8);
        String id = node.path("id").asText().strip();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        String identity = id + "\0" + bytes.length + "\0" + crc.getValue();
        if (node.hasNonNull("withdrawn")) {
            return new ParsedDocument.Record(id, identity, true, 0, 0, List.of(), null, NONE);
        }
        List<Entry> entries = new ArrayList<>();
        int withoutPackage = 0;
        int git = 0;
        for (JsonNode a : node.path("affected")) {
            OsvAffected part = OsvParser.matchPart(a);
            if (part == null) {
                withoutPackage++;
                continue;
            }
            for (JsonNode r : a.path("ranges")) {
                if ("GIT".equals(r.path("type").asText())) {
                    git++;
                }
            }
            entries.add(new Entry(part.ecosystem(), PackageKey.of(part.ecosystem(), part.name()),
                    EntryCodec.encode(part, details(a))));
        }
        OsvRecord header;
        try {
            header = OsvParser.header(node);
        } catch (OsvFormatException e) {
            return new ParsedDocument.RecordWithoutId("not an OSV record (" + e.getMessage() + ")");
        }
        byte[] body = entries.isEmpty() ? NONE : AdvisoryCodec.encode(header, json(node.get("database_specific")));
        return new ParsedDocument.Record(id, identity, false, withoutPackage, git, entries, header.modified(), body);
    }

    /** The entry's free-form fields as one JSON object, or nothing when none of them holds anything. */
    private byte[] details(JsonNode entry) {
        ObjectNode details = null;
        for (String field : ENTRY_DETAILS) {
            JsonNode v = entry.get(field);
            if (v != null && (v.isObject() || v.isArray()) && !v.isEmpty()) {
                if (details == null) {
                    details = mapper.createObjectNode();
                }
                details.set(field, v);
            }
        }
        return details == null ? NONE : json(details);
    }

    /** A non-empty object as JSON bytes, else nothing. */
    private byte[] json(JsonNode node) {
        if (node == null || !node.isContainerNode() || node.isEmpty()) {
            return NONE;
        }
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree does not serialise", e);
        }
    }
}
