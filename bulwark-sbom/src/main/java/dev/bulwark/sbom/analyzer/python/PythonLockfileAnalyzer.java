package dev.bulwark.sbom.analyzer.python;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python lockfiles of a source tree: {@code requirements*.txt} (only exact {@code name==version} pins count: a range
 * names no installed version), {@code poetry.lock} ({@code [[package]]} tables) and {@code Pipfile.lock}
 * ({@code default} and {@code develop}, the latter marked {@code dev=true}).
 */
public final class PythonLockfileAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("python-lock", 1, "pypi",
            List.of("**/requirements*.txt", "**/poetry.lock", "**/Pipfile.lock"),
            Set.of(AnalyzerDescriptor.Tag.LOCKFILE));
    private static final long MAX_SIZE = 16 << 20;
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        if (size > MAX_SIZE) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("poetry.lock") || name.equals("Pipfile.lock")
                || (name.startsWith("requirements") && name.endsWith(".txt"));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        switch (input.fileName()) {
            case "poetry.lock" -> poetry(input, out);
            case "Pipfile.lock" -> pipfile(input, out);
            default -> requirements(input, out);
        }
    }

    private static void requirements(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            int comment = line.indexOf('#');
            String spec = (comment >= 0 ? line.substring(0, comment) : line).trim();
            int semicolon = spec.indexOf(';');
            if (semicolon >= 0) {
                spec = spec.substring(0, semicolon).trim();
            }
            int pin = spec.indexOf("==");
            if (spec.isEmpty() || spec.startsWith("-") || pin <= 0) {
                continue;
            }
            String name = spec.substring(0, pin).trim();
            int extras = name.indexOf('[');
            if (extras > 0) {
                name = name.substring(0, extras).trim();
            }
            String[] pinned = spec.substring(pin + 2).trim().split("[\\s,]"); // ",1" and "," split to nothing
            String version = pinned.length == 0 ? "" : pinned[0];
            if (!name.isEmpty() && !version.isEmpty() && !version.contains("*")) {
                out.filePackage(input.path(), PythonPackages.of(name, version, List.of(), input.location(null),
                        Map.of()));
            }
        }
    }

    private static void poetry(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String line;
        boolean inPackage = false;
        String name = null;
        String version = null;
        while ((line = reader.readLine()) != null) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[")) {
                emit(input, out, inPackage, name, version);
                inPackage = trimmed.equals("[[package]]");
                name = null;
                version = null;
            } else if (inPackage && trimmed.startsWith("name") && trimmed.contains("=")) {
                name = unquote(trimmed.substring(trimmed.indexOf('=') + 1));
            } else if (inPackage && trimmed.startsWith("version") && trimmed.contains("=")) {
                version = unquote(trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        emit(input, out, inPackage, name, version);
    }

    private static void emit(AnalyzerInput input, LayerResult.Builder out, boolean inPackage, String name,
                             String version) {
        if (inPackage && name != null && !name.isBlank() && version != null && !version.isBlank()) {
            out.filePackage(input.path(), PythonPackages.of(name, version, List.of(), input.location(null),
                    Map.of()));
        }
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    private void pipfile(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        JsonNode lock;
        try {
            // UTF-8, as the format says: Jackson's own detection takes some leading bytes for UTF-32
            // and then fails with an IOException that is no JacksonException.
            lock = json.readTree(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            out.warn(input.path(), "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        for (String section : List.of("default", "develop")) {
            JsonNode packages = lock == null ? null : lock.get(section);
            if (packages == null || !packages.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String version = e.getValue().path("version").asText("");
                if (version.startsWith("==")) {
                    out.filePackage(input.path(), PythonPackages.of(e.getKey(), version.substring(2), List.of(),
                            input.location(null), section.equals("develop") ? Map.of("dev", "true") : Map.of()));
                }
            }
        }
    }
}
