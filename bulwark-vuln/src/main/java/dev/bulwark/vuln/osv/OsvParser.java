package dev.bulwark.vuln.osv;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OSV records from Jackson trees, leniently: records that fail the OSV JSON schema are still used where the
 * fields matching needs are sound (an id; affected entries with an ecosystem and a name), because real feeds
 * contain such records (DHI ecosystem names, empty {@code events}, {@code null} where arrays belong).
 *
 * <p>Reading is split the way the database stores records: {@link #header} and {@link #matchPart} give what is
 * read on every lookup or shown with every finding; the free-form objects ({@code database_specific},
 * {@code ecosystem_specific}, per-package {@code severity}) are kept as JSON and converted by {@link #specific}
 * and {@link #withDetails} only for matched entries.
 */
public final class OsvParser {

    private OsvParser() {
    }

    /** True when the JSON object looks like an OSV record (has a string {@code id} and {@code modified}). */
    public static boolean looksLikeRecord(JsonNode node) {
        return node.isObject() && node.path("id").isTextual()
                && (node.has("modified") || node.has("affected") || node.has("aliases"));
    }

    /**
     * The record's own fields, without {@code affected} and with an empty {@code database_specific} (which the
     * caller keeps as JSON).
     */
    public static OsvRecord header(JsonNode node) throws OsvFormatException {
        if (!node.isObject()) {
            throw new OsvFormatException("not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            throw new OsvFormatException("no 'id'");
        }
        return new OsvRecord(id, instant(node, "modified"), instant(node, "published"), instant(node, "withdrawn"),
                strings(node.get("aliases")), strings(node.get("upstream")), strings(node.get("related")),
                text(node, "summary"), text(node, "details"), severities(node.get("severity")), List.of(),
                references(node.get("references")), Map.of());
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

    /**
     * What matching reads of an {@code affected[]} entry (package, ranges, versions), with no severity and empty
     * specific maps; {@code null} when it names no package.
     */
    public static OsvAffected matchPart(JsonNode a) {
        String[] pkg = packageOf(a);
        if (pkg == null) {
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
        return new OsvAffected(pkg[0], pkg[1], text(a.get("package"), "purl"), ranges, strings(a.get("versions")),
                List.of(), Map.of(), Map.of());
    }

    /**
     * {@code matchPart} completed with the {@code severity}, {@code ecosystem_specific} and
     * {@code database_specific} fields of {@code details} (the entry itself, or the object stored for it).
     */
    public static OsvAffected withDetails(OsvAffected matchPart, JsonNode details) {
        return new OsvAffected(matchPart.ecosystem(), matchPart.name(), matchPart.purl(), matchPart.ranges(),
                matchPart.versions(), severities(details.get("severity")), specific(details.get("ecosystem_specific")),
                specific(details.get("database_specific")));
    }

    /** Parses one {@code affected[]} entry, or returns {@code null} when it names no package. */
    public static OsvAffected parseAffected(JsonNode a) {
        OsvAffected part = matchPart(a);
        return part == null ? null : withDetails(part, a);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
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
        return v == null ? null : Timestamps.parse(v);
    }

    /**
     * A {@code database_specific} or {@code ecosystem_specific} object as an unmodifiable map without
     * {@code null} values (nested objects likewise; lists lose their {@code null} elements); empty when
     * {@code node} is absent or not an object. Values are what Jackson's untyped binding gives (String, Integer,
     * Long, BigInteger, Double, Boolean, List, Map), converted directly from the tree.
     */
    public static Map<String, Object> specific(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return withoutNulls(node);
    }

    private static Map<String, Object> withoutNulls(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var field : object.properties()) {
            JsonNode v = field.getValue();
            if (v.isObject()) {
                out.put(field.getKey(), withoutNulls(v));
            } else if (v.isArray()) {
                List<Object> list = new ArrayList<>(v.size());
                for (JsonNode e : v) {
                    if (!e.isNull()) {
                        list.add(plain(e));
                    }
                }
                out.put(field.getKey(), Collections.unmodifiableList(list));
            } else if (!v.isNull()) {
                out.put(field.getKey(), plain(v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A JSON value as untyped binding gives it, {@code null}s kept. */
    private static Object plain(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (var field : v.properties()) {
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                list.add(plain(e));
            }
            return list;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return null;
    }
}
