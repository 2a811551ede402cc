package dev.bulwark.scan;

import dev.bulwark.image.ImageMetadata;
import dev.bulwark.sbom.Inventory;
import java.util.Objects;

/**
 * The outcome of one scan: what was scanned and what it contains. Grows with the scanners that land (findings of the
 * vulnerability, secret and configuration scanners).
 *
 * @param target the scanned target
 * @param metadata the image's metadata (for a root filesystem or directory: its path, no layers)
 * @param inventory the packages
 */
public record ScanResult(ScanTarget target, ImageMetadata metadata, Inventory inventory) {

    public ScanResult {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(metadata, "metadata is null");
        Objects.requireNonNull(inventory, "inventory is null");
    }

    /** True for images (docker-archive, OCI layout, registry), false for directories. */
    public boolean isImage() {
        return target instanceof ScanTarget.ImageFile || target instanceof ScanTarget.ImageReference;
    }
}
