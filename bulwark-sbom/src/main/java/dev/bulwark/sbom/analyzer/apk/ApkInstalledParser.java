package dev.bulwark.sbom.analyzer.apk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Parses apk's installed database ({@code /lib/apk/db/installed}): one stanza per package, {@code X:value} lines
 * ({@code P} name, {@code V} version, {@code A} arch, {@code o} origin, {@code L} license, {@code F} directory,
 * {@code R} file in the last directory), stanzas separated by blank lines.
 */
public final class ApkInstalledParser {

    /** One installed package with the files it owns (absolute paths). */
    public record Entry(String name, String version, String arch, String origin, String license,
                        List<String> files) {
    }

    private ApkInstalledParser() {
    }

    public static List<Entry> parse(InputStream in, BiConsumer<Integer, String> warn) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Stanza current = new Stanza();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                current.finish(entries, warn);
                current = new Stanza();
                current.start = lineNumber + 1;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                warn.accept(lineNumber, "not an 'X:value' line");
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> current.name = value;
                case 'V' -> current.version = value;
                case 'A' -> current.arch = value;
                case 'o' -> current.origin = value;
                case 'L' -> current.license = value;
                case 'F' -> current.dir = value;
                case 'R' -> current.files.add("/" + (current.dir == null || current.dir.isEmpty() ? ""
                        : current.dir + "/") + value);
                default -> {
                    // checksums, sizes, dependencies: not needed for the inventory
                }
            }
        }
        current.finish(entries, warn);
        return entries;
    }

    private static final class Stanza {
        int start = 1;
        String name;
        String version;
        String arch;
        String origin;
        String license;
        String dir;
        final List<String> files = new ArrayList<>();

        void finish(List<Entry> entries, BiConsumer<Integer, String> warn) {
            if (name == null && version == null && files.isEmpty()) {
                return;
            }
            if (blank(name) || blank(version)) {
                warn.accept(start, "stanza without " + (blank(name) ? "P (name)" : "V (version)") + "; skipped");
                return;
            }
            entries.add(new Entry(name, version, arch, origin, license, List.copyOf(files)));
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
