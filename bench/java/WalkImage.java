import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.FileIndex;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerVisitor;
import dev.bulwark.image.LayerVisitors;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens an image and walks it with a FileIndex and a consumer that reads every file, then builds the final view,
 * REPEATS times in one JVM; prints the milliseconds of the first run (cold: class loading, JIT) and the median of the
 * others (warm). Run by bench/image-walk.sh with the shaded jar on the class path:
 * {@code java -cp bulwark-cli/target/bulwark.jar bench/java/WalkImage.java IMAGE CACHE_DIR PARALLELISM REPEATS}.
 */
public class WalkImage {

    public static void main(String[] args) throws Exception {
        ImageOptions options = ImageOptions.defaults(Path.of(args[1]).resolve("tmp"))
                .withParallelism(Integer.parseInt(args[2]));
        AtomicLong bytes = new AtomicLong();
        LayerVisitor readEverything = layer -> new EntryVisitor() {
            private final byte[] buffer = new byte[64 << 10];

            @Override
            public boolean wantsContent(FileEntry header) {
                return header.kind() == EntryKind.FILE;
            }

            @Override
            public void visit(FileEntry entry) throws java.io.IOException {
                if (entry.kind() == EntryKind.FILE) {
                    try (InputStream in = entry.open()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            bytes.addAndGet(n);
                        }
                    }
                }
            }
        };
        int repeats = Integer.parseInt(args[3]);
        long[] millis = new long[repeats];
        long paths = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            try (Image image = new ImageOpener(options).openFile(args[0])) {
                FileIndex index = new FileIndex();
                image.walk(LayerVisitors.compose(Path.of(args[1]).resolve("tmp"), List.of(index, readEverything)));
                paths = index.view().size();
            }
            millis[r] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] warm = java.util.Arrays.copyOfRange(millis, Math.min(1, repeats - 1), repeats);
        java.util.Arrays.sort(warm);
        System.out.printf("%d %d %d paths %d bytes%n", millis[0], warm[warm.length / 2], paths, bytes.get() / repeats);
    }
}
