package dev.bulwark.sbom.analyzer.dpkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Parses dpkg's control-file format as used by {@code /var/lib/dpkg/status} and distroless {@code status.d/*}:
 * stanzas of {@code Field: value} lines separated by blank lines, continuation lines starting with a space or tab.
 * Malformed lines are reported and skipped; a stanza without {@code Package} or {@code Version} is reported and
 * dropped, the rest of the file still counts.
 */
public final class DpkgStatusParser {

    /** One installed binary package. */
    public record Entry(String name, String version, String arch, String sourceName, String sourceVersion,
                        String status) {

        /** True when dpkg considers it installed (status {@code ... installed}), or no status is recorded. */
        public boolean installed() {
            if (status == null) {
                return true;
            }
            String[] words = status.trim().split("\\s+");
            return words.length == 3 && words[2].equals("installed");
        }
    }

    private DpkgStatusParser() {
    }

    /**
     * @param warn receives (line number, problem) for each malformed part
     */
    public static List<Entry> parse(InputStream in, BiConsumer<Integer, String> warn) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        String lastField = null;
        int lineNumber = 0;
        int stanzaStart = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    toEntry(fields, stanzaStart, warn, entries);
                    fields.clear();
                }
                lastField = null;
                stanzaStart = lineNumber + 1;
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastField == null) {
                    warn.accept(lineNumber, "continuation line outside a field");
                }
                continue; // continuation lines belong to multi-line fields we do not need (Description, Conffiles)
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                warn.accept(lineNumber, "not a 'Field: value' line: " + abbreviate(line));
                lastField = null;
                continue;
            }
            lastField = line.substring(0, colon);
            fields.put(lastField, line.substring(colon + 1).trim());
        }
        if (!fields.isEmpty()) {
            toEntry(fields, stanzaStart, warn, entries);
        }
        return entries;
    }

    private static void toEntry(Map<String, String> fields, int stanzaStart, BiConsumer<Integer, String> warn,
                                List<Entry> entries) {
        String name = fields.get("Package");
        String version = fields.get("Version");
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            warn.accept(stanzaStart, "stanza without " + (name == null || name.isEmpty() ? "Package" : "Version")
                    + (name != null && !name.isEmpty() ? " (package " + name + ")" : "") + "; skipped");
            return;
        }
        String sourceName = name;
        String sourceVersion = version;
        String source = fields.get("Source");
        if (source != null && !source.isEmpty()) {
            int paren = source.indexOf('(');
            if (paren > 0 && source.endsWith(")")) {
                sourceName = source.substring(0, paren).trim();
                sourceVersion = source.substring(paren + 1, source.length() - 1).trim();
            } else {
                sourceName = source.trim();
            }
        }
        entries.add(new Entry(name, version, fields.get("Architecture"), sourceName, sourceVersion,
                fields.get("Status")));
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
