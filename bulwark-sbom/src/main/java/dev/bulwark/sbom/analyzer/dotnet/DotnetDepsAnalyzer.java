package dev.bulwark.sbom.analyzer.dotnet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.internal.LanguagePackages;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NuGet packages of .NET applications: {@code *.deps.json} next to a published app (its {@code libraries} of type
 * {@code package}, keyed {@code Name/Version}) and {@code packages.lock.json} of a source tree (each target
 * framework's {@code resolved} versions).
 */
public final class DotnetDepsAnalyzer implements PackageAnalyzer {

    private final boolean installed;
    private final AnalyzerDescriptor descriptor;
    private final ObjectMapper json = new ObjectMapper();

    private DotnetDepsAnalyzer(boolean installed) {
        this.installed = installed;
        this.descriptor = installed
                ? new AnalyzerDescriptor("dotnet-deps", 1, "nuget", List.of("**/*.deps.json"),
                        Set.of(AnalyzerDescriptor.Tag.INSTALLED))
                : new AnalyzerDescriptor("nuget-lock", 1, "nuget", List.of("**/packages.lock.json"),
                        Set.of(AnalyzerDescriptor.Tag.LOCKFILE));
    }

    public static DotnetDepsAnalyzer forInstalled() {
        return new DotnetDepsAnalyzer(true);
    }

    public static DotnetDepsAnalyzer forLockfiles() {
        return new DotnetDepsAnalyzer(false);
    }

    @Override
    public AnalyzerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (32 << 20) && (installed ? path.endsWith(".deps.json") : path.endsWith("/packages.lock.json"));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        JsonNode root;
        try {
            // UTF-8, as the format says: Jackson's own detection takes some leading bytes for UTF-32
            // and then fails with an IOException that is no JacksonException.
            root = json.readTree(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            out.warn(input.path(), "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        if (root == null) {
            return;
        }
        if (installed) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("libraries").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> library = it.next();
                int slash = library.getKey().indexOf('/');
                if (slash > 0 && library.getValue().path("type").asText("").equals("package")) {
                    add(library.getKey().substring(0, slash), library.getKey().substring(slash + 1), input, out);
                }
            }
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Iterator<JsonNode> frameworks = root.path("dependencies").elements(); frameworks.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> it = frameworks.next().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> dependency = it.next();
                String version = dependency.getValue().path("resolved").asText("");
                String type = dependency.getValue().path("type").asText("");
                if (!version.isEmpty() && !type.equals("Project") && seen.add(dependency.getKey() + "@" + version)) {
                    add(dependency.getKey(), version, input, out);
                }
            }
        }
    }

    private static void add(String name, String version, AnalyzerInput input, LayerResult.Builder out) {
        out.filePackage(input.path(), LanguagePackages.of(PackageType.NUGET, null, name, version,
                input.location(null), Map.of()));
    }
}
