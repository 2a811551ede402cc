package dev.bulwark.scan;

import dev.bulwark.image.LayerCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How one scan runs.
 *
 * @param scanners the scanners to run
 * @param layerCache per-layer results of earlier runs ({@link LayerCache#disabled()} for {@code --no-cache})
 * @param cacheDir the cache directory holding the vulnerability database ({@code db/vuln.db})
 * @param baseImage {@code --base-image}: an image file or registry reference whose layers count as the base, or
 *     {@code null} to rely on the image's {@code org.opencontainers.image.base.name} label
 * @param toolVersion Bulwark's version, recorded in the report
 * @param now the report's timestamp
 * @param secretConfig a gitleaks TOML config replacing or extending the built-in secret rules
 *     ({@code --secret-config}), or {@code null}
 */
public record ScanSettings(Set<Scanner> scanners, LayerCache layerCache, Path cacheDir, String baseImage,
                           String toolVersion, Instant now, Path secretConfig) {

    public ScanSettings {
        scanners = scanners.isEmpty() ? EnumSet.noneOf(Scanner.class) : EnumSet.copyOf(scanners);
        Objects.requireNonNull(layerCache, "layerCache is null");
        Objects.requireNonNull(cacheDir, "cacheDir is null");
        Objects.requireNonNull(toolVersion, "toolVersion is null");
        Objects.requireNonNull(now, "now is null");
    }

    /** Settings with the built-in secret rules. */
    public ScanSettings(Set<Scanner> scanners, LayerCache layerCache, Path cacheDir, String baseImage,
                        String toolVersion, Instant now) {
        this(scanners, layerCache, cacheDir, baseImage, toolVersion, now, null);
    }

    public boolean runs(Scanner scanner) {
        return scanners.contains(scanner);
    }
}
