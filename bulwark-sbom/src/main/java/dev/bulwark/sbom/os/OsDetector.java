package dev.bulwark.sbom.os;

import dev.bulwark.core.OperatingSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects the distribution from the content of its release files: {@code os-release} first (the standard), then the
 * distribution-specific files older images rely on. End-of-life dates come from a table shipped with Bulwark
 * ({@code eol.tsv}).
 */
public final class OsDetector {

    /** The release files, in the order they are trusted. */
    public static final List<String> RELEASE_FILES = List.of("/etc/os-release", "/usr/lib/os-release",
            "/etc/alpine-release", "/etc/debian_version", "/etc/centos-release", "/etc/redhat-release",
            "/etc/system-release");

    private static final Pattern RELEASE_LINE = Pattern.compile(
            "^\\s*(?<name>.*?)\\s+release\\s+(?<version>[0-9][0-9.]*)\\b.*$", Pattern.DOTALL);

    private final Map<String, LocalDate> endOfLife;

    public OsDetector() {
        this.endOfLife = loadEndOfLife();
    }

    /**
     * The distribution, or {@code null} when no release file says.
     *
     * @param files content by release file path (those of {@link #RELEASE_FILES} that exist in the final filesystem)
     */
    public OperatingSystem detect(Map<String, String> files) {
        String osRelease = files.getOrDefault("/etc/os-release", files.get("/usr/lib/os-release"));
        if (osRelease != null) {
            Map<String, String> fields = parseOsRelease(osRelease);
            String id = fields.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
            String version = fields.getOrDefault("VERSION_ID", "");
            if (!id.isEmpty() && version.isEmpty() && id.equals("debian") && files.containsKey("/etc/debian_version")) {
                version = files.get("/etc/debian_version").trim(); // testing/sid have no VERSION_ID
            }
            if (!id.isEmpty() && !version.isEmpty()) {
                String codename = fields.get("VERSION_CODENAME");
                return build(id, version, codename == null || codename.isEmpty() ? null : codename,
                        fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", id) + " " + version));
            }
        }
        String alpine = files.get("/etc/alpine-release");
        if (alpine != null && !alpine.isBlank()) {
            String version = alpine.trim();
            return build("alpine", version, null, "Alpine Linux v" + version);
        }
        for (String file : List.of("/etc/centos-release", "/etc/redhat-release", "/etc/system-release")) {
            String text = files.get(file);
            if (text != null) {
                Matcher m = RELEASE_LINE.matcher(text.trim());
                if (m.matches()) {
                    String family = familyOf(m.group("name"));
                    String version = m.group("version");
                    if (family != null) {
                        String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
                        return build(family, family.equals("amzn") ? version : major, null, text.trim());
                    }
                }
            }
        }
        String debian = files.get("/etc/debian_version");
        if (debian != null && !debian.isBlank() && Character.isDigit(debian.trim().charAt(0))) {
            String version = debian.trim();
            String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
            return build("debian", major, null, "Debian GNU/Linux " + version);
        }
        return null;
    }

    private OperatingSystem build(String family, String version, String codename, String prettyName) {
        return new OperatingSystem(family, version, codename, prettyName, endOfLifeOf(family, version));
    }

    /** The end-of-life date of a distribution version, matching the longest known version prefix. */
    LocalDate endOfLifeOf(String family, String version) {
        String candidate = version;
        while (true) {
            LocalDate date = endOfLife.get(family + " " + candidate);
            if (date != null) {
                return date;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    private static String familyOf(String releaseName) {
        String name = releaseName.toLowerCase(Locale.ROOT);
        if (name.startsWith("centos")) {
            return "centos";
        }
        if (name.startsWith("red hat")) {
            return "rhel";
        }
        if (name.startsWith("rocky")) {
            return "rocky";
        }
        if (name.startsWith("almalinux")) {
            return "almalinux";
        }
        if (name.startsWith("fedora")) {
            return "fedora";
        }
        if (name.startsWith("amazon linux")) {
            return "amzn";
        }
        if (name.startsWith("oracle linux")) {
            return "ol";
        }
        return null;
    }

    /** Parses {@code KEY=value} lines with shell-style quoting, as os-release(5) specifies. */
    public static Map<String, String> parseOsRelease(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\$", "$")
                        .replace("\\`", "`").replace("\\\\", "\\");
            }
            fields.put(line.substring(0, eq).strip(), value);
        }
        return fields;
    }

    private static Map<String, LocalDate> loadEndOfLife() {
        Map<String, LocalDate> table = new HashMap<>();
        try (InputStream in = OsDetector.class.getResourceAsStream("/dev/bulwark/sbom/eol.tsv")) {
            if (in == null) {
                throw new IllegalStateException("eol.tsv missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                table.put(cols[0] + " " + cols[1], LocalDate.parse(cols[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
