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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed gems: {@code specifications/*.gemspec} as RubyGems writes them ({@code s.name = "rack".freeze},
 * {@code s.version = "2.2.8"}). Ruby is not evaluated; only these literal assignments are read.
 */
public final class GemspecAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("gemspec", 1, "gem",
            List.of("**/specifications/*.gemspec"), Set.of(AnalyzerDescriptor.Tag.INSTALLED));
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*\\w+\\.(name|version)\\s*=\\s*(?:Gem::Version\\.new\\()?[\"']([^\"']+)[\"']");

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (1 << 20) && path.endsWith(".gemspec") && path.contains("/specifications/");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String name = null;
        String version = null;
        String line;
        while ((line = reader.readLine()) != null && (name == null || version == null)) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.find()) {
                if (m.group(1).equals("name")) {
                    name = m.group(2);
                } else {
                    version = m.group(2);
                }
            }
        }
        if (name == null || version == null || name.isBlank() || version.isBlank()) {
            out.warn(input.path(), "gemspec without a literal name or version");
            return;
        }
        out.filePackage(input.path(), LanguagePackages.of(PackageType.GEM, null, name, version, input.location(null),
                Map.of()));
    }
}
