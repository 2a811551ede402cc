import dev.bulwark.core.Digest;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.FileIndex;
import dev.bulwark.image.FileView;
import java.io.InputStream;
import java.lang.management.ManagementFactory;

/**
 * Heap retained by a FileIndex for N entries of one layer with realistic paths (50 characters, 20 files per
 * directory), after recording and after building the merged view. Run by bench/fileindex-memory.sh.
 */
public class FileIndexMemory {

    record Entry(String path, EntryKind kind, long size, int mode, String linkTarget) implements FileEntry {
        @Override
        public InputStream open() {
            throw new IllegalStateException();
        }
    }

    static long used() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long before = used();
        FileIndex index = new FileIndex();
        EntryVisitor layer = index.layer(new LayerRef(0, Digest.parse("sha256:" + "0".repeat(64)), null, null));
        for (int i = 0; i < n; i++) {
            String path = String.format("/usr/share/package-%04d/subdir-%03d/file-%06d.txt", i / 1000,
                    (i / 50) % 20, i);
            layer.visit(new Entry(path, EntryKind.FILE, i % 5000, 0644, null));
        }
        long recorded = used() - before;
        long start = System.nanoTime();
        FileView view = index.view();
        long viewMillis = (System.nanoTime() - start) / 1_000_000;
        long total = used() - before;
        System.out.printf("entries %d: recorded %d MiB (%d B/entry), with view %d MiB (%d B/entry), view built in "
                + "%d ms, %d paths%n", n, recorded >> 20, recorded / n, total >> 20, total / n, viewMillis,
                view.size());
    }
}
