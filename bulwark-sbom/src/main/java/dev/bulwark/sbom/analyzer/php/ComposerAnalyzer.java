package dev.bulwark.sbom.analyzer.php;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PHP packages: {@code vendor/composer/installed.json} as installed (Composer 1: an array, Composer 2: an object with
 * {@code packages}) or {@code composer.lock} ({@code packages} and {@code packages-dev}, the latter marked
 * {@code dev=true}). Names are {@code vendor/package}.
 */
public final class ComposerAnalyzer implements PackageAnalyzer {

    private final boolean installed;
    private final AnalyzerDescriptor descriptor;
    private final ObjectMapper json = new ObjectMapper();

    private ComposerAnalyzer(boolean installed) {
        this.installed = installed;
        this.descriptor = installed
                ? new AnalyzerDescriptor("composer-installed", 1, "composer",
                        List.of("**/vendor/composer/installed.json"), Set.of(AnalyzerDescriptor.Tag.INSTALLED))
                : new AnalyzerDescriptor("composer-lock", 1, "composer", List.of("**/composer.lock"),
                        Set.of(AnalyzerDescriptor.Tag.LOCKFILE));
    }

    public static ComposerAnalyzer forInstalled() {
        return new ComposerAnalyzer(true);
    }

    public static ComposerAnalyzer forLockfiles() {
        return new ComposerAnalyzer(false);
    }

    @Override
    public AnalyzerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= (32 << 20) && (installed ? path.endsWith("/vendor/composer/installed.json")
                : path.endsWith("/composer.lock"));
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
        if (root.isArray()) {
            add(root, false, input, out);
        } else {
            add(root.path("packages"), false, input, out);
            add(root.path("packages-dev"), true, input, out);
        }
    }

    private static void add(JsonNode packages, boolean dev, AnalyzerInput input, LayerResult.Builder out) {
        if (!packages.isArray()) {
            return;
        }
        for (JsonNode p : packages) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            int slash = name.indexOf('/');
            if (slash <= 0 || version.isEmpty()) {
                continue;
            }
            out.filePackage(input.path(), LanguagePackages.of(PackageType.COMPOSER, name.substring(0, slash),
                    name.substring(slash + 1), version, input.location(null), dev ? Map.of("dev", "true")
                            : Map.of()));
        }
    }
}
