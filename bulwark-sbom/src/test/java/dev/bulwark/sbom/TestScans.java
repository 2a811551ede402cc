package dev.bulwark.sbom;

import dev.bulwark.image.FileIndex;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerVisitors;
import dev.bulwark.testkit.ImageArchiveBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the inventory the way a scan does: one walk with a FileIndex and the InventoryVisitor composed. */
public final class TestScans {

    private TestScans() {
    }

    public static Inventory scanFile(Path image, Path cacheDir) throws IOException {
        ImageOpener opener = new ImageOpener(ImageOptions.defaults(cacheDir.resolve("tmp")));
        try (Image opened = opener.openFile(image.toString())) {
            return scan(opened, cacheDir, Analyzers.forImages());
        }
    }

    public static Inventory scan(Image image, Path cacheDir, List<PackageAnalyzer> analyzers) throws IOException {
        FileIndex index = new FileIndex();
        InventoryVisitor inventory = new InventoryVisitor(analyzers, cacheDir.resolve("tmp"));
        image.walk(LayerVisitors.compose(cacheDir.resolve("tmp"), List.of(index, inventory)));
        return inventory.inventory(index.view(), image.metadata().layers());
    }

    /** Writes the builder's image as a docker-archive and scans it. */
    public static Inventory scan(ImageArchiveBuilder builder, Path dir) throws IOException {
        Path file = builder.writeDockerArchive(dir.resolve("image-" + System.nanoTime() + ".tar"), "test:1", false);
        return scanFile(file, dir);
    }
}
