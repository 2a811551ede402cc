package dev.bulwark.vuln.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OSV records from Jackson trees, leniently: records that fail the OSV JSON schema are still used where the
 * fields matching needs are sound (an id; affected entries with an ecosystem and a name), because real feeds
 * contain such records (DHI ecosystem names, empty {@code events}, {@code null} where arrays belong).
 */
public final class OsvParser {

    private final ObjectMapper mapper;

    public OsvParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** True when the JSON object looks like an OSV record (has a string {@code id} and {@code modified}). */
    public static boolean looksLikeRecord(JsonNode node) {
        return node.isObject() && node.path("id").isTextual()
                && (node.has("modified") || node.has("affected") || node.has("aliases"));
    }

    /** Parses one record; affected entries without package, or whose ranges are all empty, are dropped. */
    public OsvRecord parse(JsonNode node) throws OsvFormatException {
        if (!node.isObject()) {
            throw new OsvFormatException("not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            throw new OsvFormatException("no 'id'");
        }
        List<OsvAffected> affected = new ArrayList<>();
        for (JsonNode a : array(node.get("affected"))) {
            OsvAffected entry = parseAffected(a);
            if (entry != null) {
                affected.add(entry);
            }
        }
        return new OsvRecord(id, instant(node, "modified"), instant(node, "published"), instant(node, "withdrawn"),
                strings(node.get("aliases")), strings(node.get("upstream")), strings(node.get("related")),
                text(node, "summary"), text(node, "details"), severities(node.get("severity")), affected,
                references(node.get("references")), map(node.get("database_specific")));
    }

    /**
     * The {@code [ecosystem, name]} of an {@code affected[]} entry without converting the rest, or {@code null} when
     * it names no package; the import's fast path.
     */
    public static String[] packageOf(JsonNode a) {
        JsonNode pkg = a.isObject() ? a.get("package") : null;
        String ecosystem = pkg == null ? null : text(pkg, "ecosystem");
        String name = pkg == null ? null : text(pkg, "name");
        if (ecosystem == null || name == null || ecosystem.isBlank() || name.isBlank()) {
            return null;
        }
        return new String[] {ecosystem.strip(), name.strip()};
    }

    /** Parses one {@code affected[]} entry, or returns {@code null} when it names no package. */
    public OsvAffected parseAffected(JsonNode a) {
        if (!a.isObject()) {
            return null;
        }
        JsonNode pkg = a.get("package");
        String ecosystem = pkg == null ? null : text(pkg, "ecosystem");
        String name = pkg == null ? null : text(pkg, "name");
        if (ecosystem == null || name == null || ecosystem.isBlank() || name.isBlank()) {
            return null;
        }
        List<OsvRange> ranges = new ArrayList<>();
        for (JsonNode r : array(a.get("ranges"))) {
            List<OsvEvent> events = new ArrayList<>();
            for (JsonNode e : array(r.get("events"))) {
                var fields = e.properties().iterator();
                while (fields.hasNext()) {
                    var f = fields.next();
                    OsvEvent.Kind kind = OsvEvent.Kind.ofJson(f.getKey());
                    if (kind != null && f.getValue().isTextual() && !f.getValue().asText().isBlank()) {
                        events.add(new OsvEvent(kind, f.getValue().asText().strip()));
                    }
                }
            }
            String type = text(r, "type");
            if (!events.isEmpty() && type != null) {
                ranges.add(new OsvRange(type, events));
            }
        }
        return new OsvAffected(ecosystem.strip(), name.strip(), text(pkg, "purl"), ranges,
                strings(a.get("versions")), severities(a.get("severity")), map(a.get("ecosystem_specific")),
                map(a.get("database_specific")));
    }

    /** The record without its {@code affected} array, for storing the display part separately. */
    public static ObjectNode withoutAffected(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove("affected");
        return copy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Iterable<JsonNode> array(JsonNode node) {
        return node != null && node.isArray() ? node : Collections.emptyList();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(node)) {
            if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText().strip());
            }
        }
        return out;
    }

    private static List<OsvSeverity> severities(JsonNode node) {
        List<OsvSeverity> out = new ArrayList<>();
        for (JsonNode s : array(node)) {
            String type = s.isObject() ? text(s, "type") : null;
            String score = s.isObject() ? text(s, "score") : null;
            if (type != null && score != null) {
                out.add(new OsvSeverity(type, score.strip()));
            }
        }
        return out;
    }

    private static List<String> references(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : array(node)) {
            String url = r.isObject() ? text(r, "url") : null;
            if (url != null) {
                out.add(url);
            }
        }
        return out;
    }

    /** The timestamp in {@code field}, or {@code null} when absent or not RFC 3339. */
    public static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = mapper.convertValue(node, LinkedHashMap.class);
        return withoutNulls(raw);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, withoutNulls((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                out.put(k, l.stream().filter(java.util.Objects::nonNull).toList());
            } else if (v != null) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
