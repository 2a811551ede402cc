package dev.bulwark.sbom.analyzer.ruby;

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

/**
 * Ruby gems from {@code Gemfile.lock}: the {@code specs:} lists of the {@code GEM}, {@code GIT} and {@code PATH}
 * sections, where a gem is a line indented by exactly four spaces, {@code name (version[-platform])}.
 */
public final class GemfileLockAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("gemfile-lock", 1, "gem",
            List.of("**/Gemfile.lock"), Set.of(AnalyzerDescriptor.Tag.LOCKFILE));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (16 << 20) && path.endsWith("/Gemfile.lock");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String line;
        boolean inSpecs = false;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith(" ")) {
                inSpecs = false;
            } else if (line.equals("  specs:")) {
                inSpecs = true;
            } else if (inSpecs && line.startsWith("    ") && !line.startsWith("     ")) {
                String spec = line.trim();
                int open = spec.indexOf(" (");
                if (open > 0 && spec.endsWith(")")) {
                    String version = spec.substring(open + 2, spec.length() - 1);
                    int platform = version.indexOf('-');
                    out.filePackage(input.path(), LanguagePackages.of(PackageType.GEM, null, spec.substring(0, open),
                            platform > 0 ? version.substring(0, platform) : version, input.location(null),
                            Map.of()));
                }
            }
        }
    }
}
