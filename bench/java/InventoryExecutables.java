import dev.bulwark.image.FileIndex;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerVisitors;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.InventoryVisitor;
import dev.bulwark.sbom.PackageAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the cargo-auditable analyzer costs: the inventory of one image with every image analyzer, and without
 * {@code cargo-auditable}, alternately in one JVM after one warm-up walk each; prints
 * "median-ms-without median-ms-with packages-without packages-with".
 * Usage: InventoryExecutables IMAGE CACHE_DIR RUNS
 */
public final class InventoryExecutables {

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<PackageAnalyzer> with = Analyzers.forImages();
        List<PackageAnalyzer> without = with.stream()
                .filter(a -> !a.descriptor().name().equals("cargo-auditable")).toList();
        int packagesWithout = scan(image, cache, without).packages().size();
        int packagesWith = scan(image, cache, with).packages().size();
        List<Long> timesWithout = new ArrayList<>();
        List<Long> timesWith = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            timesWithout.add(time(image, cache, without));
            timesWith.add(time(image, cache, with));
        }
        System.out.println(median(timesWithout) + " " + median(timesWith) + " " + packagesWithout + " " + packagesWith);
    }

    private static long time(Path image, Path cache, List<PackageAnalyzer> analyzers) throws Exception {
        long start = System.nanoTime();
        scan(image, cache, analyzers);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Inventory scan(Path image, Path cache, List<PackageAnalyzer> analyzers) throws Exception {
        ImageOpener opener = new ImageOpener(ImageOptions.defaults(cache.resolve("tmp")));
        try (Image opened = opener.openFile(image.toString())) {
            FileIndex index = new FileIndex();
            InventoryVisitor inventory = new InventoryVisitor(analyzers, cache.resolve("tmp"));
            opened.walk(LayerVisitors.compose(cache.resolve("tmp"), List.of(index, inventory)));
            return inventory.inventory(index.view(), opened.metadata().layers());
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
