package dev.bulwark.sbom.analyzer.npm;

import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code yarn.lock} of a source tree, classic (v1) and Berry: an unindented key line lists the requested ranges
 * ({@code "@babel/core@^7.0.0", "@babel/core@^7.1.0":}, Berry {@code "lodash@npm:^4.17.0":}), the indented
 * {@code version} line holds the resolved version. Workspace and link entries are skipped.
 */
public final class YarnLockAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("yarn-lock", 1, "npm",
            List.of("**/yarn.lock"), Set.of(AnalyzerDescriptor.Tag.LOCKFILE));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (64 << 20) && path.endsWith("/yarn.lock") && !path.contains("/node_modules/");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        Set<String> seen = new HashSet<>();
        String name = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                name = line.endsWith(":") ? packageName(line.substring(0, line.length() - 1)) : null;
                continue;
            }
            String trimmed = line.trim();
            if (name != null && (trimmed.startsWith("version ") || trimmed.startsWith("version:"))) {
                String version = trimmed.substring("version".length()).replace(":", " ").trim();
                if (version.startsWith("\"") && version.endsWith("\"") && version.length() >= 2) {
                    version = version.substring(1, version.length() - 1);
                }
                if (!version.isEmpty() && !version.startsWith("0.0.0-use.local") && seen.add(name + "@" + version)) {
                    out.filePackage(input.path(), NpmPackages.of(name, version, List.of(), input.location(null)));
                }
                name = null;
            }
        }
    }

    /** The package name of the first range of a key line: {@code "@scope/a@^1.0", a@^1.1} gives {@code @scope/a}. */
    static String packageName(String keyLine) {
        String first = keyLine.split(",", 2)[0].trim(); // limit 2: "," alone gives "", not an empty array
        if (first.startsWith("\"") && first.endsWith("\"") && first.length() >= 2) {
            first = first.substring(1, first.length() - 1);
        }
        int at = first.indexOf('@', first.startsWith("@") ? 1 : 0);
        if (at <= 0 || first.contains("@workspace:") || first.contains("@link:") || first.contains("@portal:")) {
            return null;
        }
        return first.substring(0, at);
    }
}
