package dev.bulwark.sbom.analyzer.cargo;

import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.internal.LanguagePackages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rust crates from {@code Cargo.lock}: one {@code [[package]]} table per crate with {@code name} and {@code version}. */
public final class CargoLockAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("cargo-lock", 1, "cargo",
            List.of("**/Cargo.lock"), Set.of(AnalyzerDescriptor.Tag.LOCKFILE));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (16 << 20) && path.endsWith("/Cargo.lock");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String line;
        boolean inPackage = false;
        String name = null;
        String version = null;
        while (true) {
            line = reader.readLine();
            String trimmed = line == null ? "[" : line.trim();
            if (trimmed.startsWith("[")) {
                if (inPackage && name != null && !name.isBlank() && version != null && !version.isBlank()) {
                    out.filePackage(input.path(), LanguagePackages.of(PackageType.CARGO, null, name, version,
                            input.location(null), Map.of()));
                }
                inPackage = trimmed.equals("[[package]]");
                name = null;
                version = null;
                if (line == null) {
                    return;
                }
            } else if (inPackage && trimmed.startsWith("name =")) {
                name = unquote(trimmed.substring(6));
            } else if (inPackage && trimmed.startsWith("version =")) {
                version = unquote(trimmed.substring(9));
            }
        }
    }

    static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
