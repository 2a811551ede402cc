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
 * {@code pnpm-lock.yaml} of a source tree: the keys of its top-level {@code packages:} map, which name each resolved
 * package as {@code /name/1.2.3} (lockfile v5), {@code /name@1.2.3} (v6) or {@code name@1.2.3} (v9), peer-dependency
 * suffixes in parentheses or after {@code _} dropped.
 */
public final class PnpmLockAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("pnpm-lock", 1, "npm",
            List.of("**/pnpm-lock.yaml"), Set.of(AnalyzerDescriptor.Tag.LOCKFILE));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (64 << 20) && path.endsWith("/pnpm-lock.yaml") && !path.contains("/node_modules/");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        Set<String> seen = new HashSet<>();
        boolean inPackages = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                inPackages = line.trim().equals("packages:");
                continue;
            }
            if (!inPackages || !line.startsWith("  ") || line.startsWith("   ") || !line.trim().endsWith(":")) {
                continue;
            }
            String key = line.trim();
            key = key.substring(0, key.length() - 1);
            if (key.length() >= 2 && (key.startsWith("'") || key.startsWith("\""))) {
                key = key.substring(1, key.length() - 1);
            }
            String[] nameVersion = split(key);
            if (nameVersion != null && seen.add(nameVersion[0] + "@" + nameVersion[1])) {
                out.filePackage(input.path(), NpmPackages.of(nameVersion[0], nameVersion[1], List.of(),
                        input.location(null)));
            }
        }
    }

    static String[] split(String key) {
        String k = key.startsWith("/") ? key.substring(1) : key;
        int paren = k.indexOf('(');
        if (paren > 0) {
            k = k.substring(0, paren);
        }
        int at = k.indexOf('@', k.startsWith("@") ? 1 : 0);
        String name;
        String version;
        if (at > 0) {
            name = k.substring(0, at);
            version = k.substring(at + 1);
        } else {
            int slash = k.lastIndexOf('/');
            if (slash <= 0) {
                return null;
            }
            name = k.substring(0, slash);
            version = k.substring(slash + 1);
        }
        int underscore = version.indexOf('_');
        if (underscore > 0) {
            version = version.substring(0, underscore);
        }
        return name.isEmpty() || version.isEmpty() || !Character.isDigit(version.charAt(0)) ? null
                : new String[] {name, version};
    }
}
