package dev.bulwark.scan.suppress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .bulwarkignore.yaml}:
 *
 * <pre>{@code
 * ignore:                      # any kind of finding
 *   - id: CVE-2021-44228
 *     package: org.apache.logging.log4j:log4j-core     # optional
 *     purl: pkg:maven/org.apache.logging.log4j/log4j-core   # optional; without version = any version
 *     path: /app/lib/*.jar                              # optional glob
 *     reason: not reachable, JNDI lookups disabled
 *     expires: 2027-01-31                               # optional; from that day on it no longer suppresses
 * vulnerabilities: [...]       # the same, limited to one kind
 * secrets: [...]
 * misconfigurations: [...]
 * }</pre>
 *
 * Unknown keys are errors, so that a typo cannot silently suppress more or less than meant.
 */
public final class IgnoreFileReader {

    private static final long MAX_BYTES = 4 << 20;
    private static final Map<String, String> SECTIONS = Map.of("ignore", "", "vulnerabilities", "vulnerability",
            "secrets", "secret", "misconfigurations", "misconfiguration");
    private static final Set<String> FIELDS = Set.of("id", "package", "purl", "path", "paths", "reason", "expires",
            "statement");

    private IgnoreFileReader() {
    }

    /** @throws InputException naming the file, the line and the problem */
    public static List<IgnoreEntry> read(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InputException(file.toString(), "larger than " + MAX_BYTES + " bytes");
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new InputException(file.toString(), "not a readable YAML ignore file (" + firstLine(e) + ")", e);
        }
        List<IgnoreEntry> entries = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return entries;
        }
        if (!root.isObject()) {
            throw new InputException(file.toString(), "expected a mapping with 'ignore', 'vulnerabilities', "
                    + "'secrets' or 'misconfigurations'");
        }
        for (var section : root.properties()) {
            String kind = SECTIONS.get(section.getKey());
            if (kind == null) {
                throw new InputException(file.toString(), "unknown key '" + section.getKey() + "' (expected "
                        + "ignore, vulnerabilities, secrets or misconfigurations)");
            }
            if (section.getValue().isNull()) {
                continue;
            }
            if (!section.getValue().isArray()) {
                throw new InputException(file.toString(), "'" + section.getKey() + "' must be a list of entries");
            }
            int n = 0;
            for (JsonNode item : section.getValue()) {
                n++;
                String where = file + ": " + section.getKey() + "[" + n + "]";
                entries.add(entry(item, kind.isEmpty() ? null : kind, where, file));
            }
        }
        return entries;
    }

    private static IgnoreEntry entry(JsonNode item, String kind, String where, Path file) {
        if (item.isTextual()) {
            return new IgnoreEntry(item.asText(), kind, null, null, null, "", null, where);
        }
        if (!item.isObject()) {
            throw new InputException(where, "an entry must be an id or a mapping with 'id'");
        }
        for (var field : item.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InputException(where, "unknown field '" + field.getKey() + "' (expected id, package, "
                        + "purl, path, reason, expires)");
            }
        }
        String id = item.path("id").asText("").trim();
        if (id.isEmpty()) {
            throw new InputException(where, "missing 'id'");
        }
        LocalDate expires = null;
        if (item.hasNonNull("expires")) {
            try {
                expires = LocalDate.parse(item.get("expires").asText().trim());
            } catch (DateTimeParseException e) {
                throw new InputException(where, "'expires' must be a date like 2027-01-31, got '"
                        + item.get("expires").asText() + "'");
            }
        }
        String path = item.hasNonNull("path") ? item.get("path").asText()
                : item.path("paths").isArray() && !item.get("paths").isEmpty() ? item.get("paths").get(0).asText()
                : null;
        String reason = item.hasNonNull("reason") ? item.get("reason").asText()
                : item.path("statement").asText("");
        return new IgnoreEntry(id, kind, text(item, "package"), text(item, "purl"), path, reason, expires,
                where + " (" + id + ")");
    }

    private static String text(JsonNode item, String field) {
        return item.hasNonNull(field) ? item.get(field).asText() : null;
    }

    private static String firstLine(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null) {
            JsonLocation at = p.getLocation();
            return "line " + at.getLineNr() + ": " + p.getOriginalMessage().lines().findFirst().orElse("");
        }
        return message.lines().findFirst().orElse(message);
    }
}
