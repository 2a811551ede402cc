package dev.bulwark.sbom.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.Relationship;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code package-lock.json} (and {@code npm-shrinkwrap.json}), lockfile versions 1 to 3. Dependencies resolve as
 * node does: from the depending package's {@code node_modules} up to the project's. Two uses:
 * <ul>
 *   <li>for a source tree ({@link #forSourceTrees()}): every locked package (dev dependencies included and marked
 *       {@code dev=true}), located at the lockfile, with the dependency relationships;</li>
 *   <li>in images ({@link #forInstalledTrees()}): no packages (the installed {@code node_modules} are the truth),
 *       only the relationships, between the installed packages' {@code package.json} files the lock describes.</li>
 * </ul>
 */
public final class NpmLockfileAnalyzer implements PackageAnalyzer {

    private static final long MAX_SIZE = 64 << 20;
    private final boolean installed;
    private final AnalyzerDescriptor descriptor;
    private final ObjectMapper json = new ObjectMapper();

    private NpmLockfileAnalyzer(boolean installed) {
        this.installed = installed;
        this.descriptor = new AnalyzerDescriptor(installed ? "npm-lock-relationships" : "npm-lock", 1, "npm",
                List.of("**/package-lock.json", "**/npm-shrinkwrap.json"),
                Set.of(installed ? AnalyzerDescriptor.Tag.INSTALLED : AnalyzerDescriptor.Tag.LOCKFILE));
    }

    public static NpmLockfileAnalyzer forSourceTrees() {
        return new NpmLockfileAnalyzer(false);
    }

    public static NpmLockfileAnalyzer forInstalledTrees() {
        return new NpmLockfileAnalyzer(true);
    }

    @Override
    public AnalyzerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= MAX_SIZE && (path.endsWith("/package-lock.json") || path.endsWith("/npm-shrinkwrap.json"))
                && !path.contains("/node_modules/");
    }

    /** One locked package, by its install path relative to the project ({@code node_modules/a/node_modules/b}). */
    private record Locked(String installPath, String name, String version, boolean dev, JsonNode dependencies) {
    }

    /** {@code node_modules/@scope/a/node_modules/b} is {@code b}; a workspace path {@code packages/a} is {@code a}. */
    private static String nameFromInstallPath(String path) {
        int at = path.lastIndexOf("node_modules/");
        return at >= 0 ? path.substring(at + "node_modules/".length()) : path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        JsonNode lock;
        try {
            // UTF-8, as the format says: Jackson's own detection takes some leading bytes for UTF-32
            // and then fails with an IOException that is no JacksonException.
            lock = json.readTree(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            out.warn(input.path(), "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        if (lock == null || !lock.isObject()) {
            out.warn(input.path(), "not an npm lockfile (no JSON object)");
            return;
        }
        Map<String, Locked> byPath = new HashMap<>();
        JsonNode packages = lock.get("packages");
        if (packages != null && packages.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = e.getKey();
                JsonNode node = e.getValue();
                if (node.path("link").asBoolean(false)) {
                    continue;
                }
                String name = node.path("name").asText(path.isEmpty() ? lock.path("name").asText("")
                        : nameFromInstallPath(path));
                String version = node.path("version").asText(path.isEmpty() ? lock.path("version").asText("") : "");
                JsonNode deps = merged(node.get("dependencies"), node.get("optionalDependencies"));
                byPath.put(path, new Locked(path, name, version, node.path("dev").asBoolean(false), deps));
            }
        } else if (lock.get("dependencies") != null) {
            byPath.put("", new Locked("", lock.path("name").asText(""), lock.path("version").asText(""), false,
                    null));
            collectV1(lock.get("dependencies"), "", byPath);
        } else {
            out.warn(input.path(), "npm lockfile without 'packages' or 'dependencies'");
            return;
        }
        String projectDir = input.directory();
        Map<String, Package> packagesByPath = new HashMap<>();
        for (Locked locked : byPath.values()) {
            if (locked.name().isEmpty() || locked.version().isEmpty()) {
                continue;
            }
            Location location = installed
                    ? new Location(projectDir + (locked.installPath().isEmpty() ? "" : "/" + locked.installPath())
                            + "/package.json", input.layer())
                    : input.location(null);
            Package p = NpmPackages.of(locked.name(), locked.version(), List.of(), location);
            if (!installed && locked.dev()) {
                p = new Package(p.type(), p.name(), p.version(), null, null, null, p.purl(), p.licenses(),
                        p.locations(), null, Map.of("dev", "true"));
            }
            packagesByPath.put(locked.installPath(), p);
            if (!installed && !locked.installPath().isEmpty()) {
                out.filePackage(input.path(), p);
            }
        }
        if (!installed && packagesByPath.containsKey("")) {
            out.filePackage(input.path(), packagesByPath.get(""));
        }
        for (Locked locked : byPath.values()) {
            Package parent = packagesByPath.get(locked.installPath());
            if (parent == null || locked.dependencies() == null) {
                continue;
            }
            for (Iterator<String> names = locked.dependencies().fieldNames(); names.hasNext(); ) {
                Package child = resolve(locked.installPath(), names.next(), packagesByPath);
                if (child != null) {
                    out.relationship(parent, child, Relationship.Type.DEPENDS_ON);
                }
            }
        }
    }

    /** Node's resolution: {@code <from>/node_modules/<name>}, then each ancestor's, up to the project. */
    private static Package resolve(String from, String name, Map<String, Package> byPath) {
        String dir = from;
        while (true) {
            Package found = byPath.get((dir.isEmpty() ? "" : dir + "/") + "node_modules/" + name);
            if (found != null) {
                return found;
            }
            if (dir.isEmpty()) {
                return null;
            }
            int cut = dir.lastIndexOf("/node_modules/");
            dir = cut < 0 ? "" : dir.substring(0, cut);
        }
    }

    /** Lockfile v1: nested {@code dependencies} objects with {@code version} and {@code requires}. */
    private static void collectV1(JsonNode dependencies, String parentPath, Map<String, Locked> byPath) {
        for (Iterator<Map.Entry<String, JsonNode>> it = dependencies.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = (parentPath.isEmpty() ? "" : parentPath + "/") + "node_modules/" + e.getKey();
            JsonNode node = e.getValue();
            byPath.put(path, new Locked(path, e.getKey(), node.path("version").asText(""),
                    node.path("dev").asBoolean(false), node.get("requires")));
            if (node.has("dependencies")) {
                collectV1(node.get("dependencies"), path, byPath);
            }
        }
        JsonNode rootDeps = dependencies;
        Locked root = byPath.get("");
        if (root != null && parentPath.isEmpty()) {
            byPath.put("", new Locked("", root.name(), root.version(), false, rootDeps));
        }
    }

    private static JsonNode merged(JsonNode a, JsonNode b) {
        if (b == null || !b.isObject()) {
            return a;
        }
        if (a == null || !a.isObject()) {
            return b;
        }
        var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) a).deepCopy();
        copy.setAll((com.fasterxml.jackson.databind.node.ObjectNode) b);
        return copy;
    }
}
