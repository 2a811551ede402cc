package dev.bulwark.sbom.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Installed npm packages: every {@code package.json} with a name and a version, the packages under
 * {@code node_modules} and the project that installed them.
 */
public final class NpmPackageJsonAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("npm-package-json", 1, "npm",
            List.of("**/package.json"), Set.of(AnalyzerDescriptor.Tag.INSTALLED));
    private static final long MAX_SIZE = 16 << 20;
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= MAX_SIZE && path.endsWith("/package.json");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        JsonNode manifest;
        try {
            // UTF-8, as the format says: Jackson's own detection takes some leading bytes for UTF-32
            // and then fails with an IOException that is no JacksonException.
            manifest = json.readTree(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            if (input.path().contains("/node_modules/")) {
                out.warn(input.path(), "not valid JSON (" + e.getOriginalMessage() + ")");
            }
            return;
        }
        if (manifest == null || !manifest.isObject()) {
            return;
        }
        String name = manifest.path("name").asText("").strip();
        String version = manifest.path("version").asText("").strip();
        if (name.isEmpty() || version.isEmpty()) {
            return; // a package.json that only configures a directory ("type": "module") is no package
        }
        out.filePackage(input.path(), NpmPackages.of(name, version, NpmPackages.licenses(manifest),
                input.location(null)));
    }
}
