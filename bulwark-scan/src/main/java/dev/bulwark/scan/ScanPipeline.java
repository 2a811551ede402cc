package dev.bulwark.scan;

import dev.bulwark.core.InputException;
import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.image.FileIndex;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.LayerVisitors;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.InventoryVisitor;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One scan in one pass: opens the target through {@link ImageOpener}, walks its layers once with the
 * {@link FileIndex} and the package inventory composed, and judges the per-layer results against the final
 * filesystem. Scanners that land later join the same composed walk.
 */
public final class ScanPipeline {

    private final ImageOpener opener;
    private final Path tempDir;

    /**
     * @param opener opens images, root filesystems and directories
     * @param tempDir spool directory inside the cache directory
     */
    public ScanPipeline(ImageOpener opener, Path tempDir) {
        this.opener = opener;
        this.tempDir = tempDir;
    }

    public ScanResult run(ScanTarget target) {
        try (Image image = open(target)) {
            List<PackageAnalyzer> analyzers = target instanceof ScanTarget.SourceDirectory
                    ? Analyzers.forDirectories() : Analyzers.forImages();
            FileIndex index = new FileIndex();
            InventoryVisitor inventory = new InventoryVisitor(analyzers, tempDir);
            image.walk(LayerVisitors.compose(tempDir, List.of(index, inventory)));
            Inventory result = inventory.inventory(index.view(), image.metadata().layers());
            if (target instanceof ScanTarget.SourceDirectory) {
                result = relativeToDirectory(result);
            }
            return new ScanResult(target, image.metadata(), result);
        } catch (IOException e) {
            throw new InputException(target.name(), "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private Image open(ScanTarget target) throws IOException {
        return switch (target) {
            case ScanTarget.ImageFile file -> opener.openFile(file.path());
            case ScanTarget.ImageReference reference -> opener.openReference(reference.reference());
            case ScanTarget.RootFilesystem rootfs -> opener.openRootfs(rootfs.directory());
            case ScanTarget.SourceDirectory directory -> opener.openRootfs(directory.directory());
        };
    }

    /** A source tree's paths are shown relative to it ({@code app/package-lock.json}), as users wrote them. */
    private static Inventory relativeToDirectory(Inventory inventory) {
        List<Package> packages = inventory.packages().stream().map(p -> new Package(p.type(), p.name(),
                p.version(), p.arch(), p.sourceName(), p.sourceVersion(), p.purl(), p.licenses(),
                p.locations().stream().map(l -> new Location(l.path().startsWith("/") ? l.path().substring(1)
                        : l.path(), null)).toList(), null, p.properties())).toList();
        return new Inventory(inventory.os(), packages, inventory.relationships(), inventory.warnings());
    }
}
