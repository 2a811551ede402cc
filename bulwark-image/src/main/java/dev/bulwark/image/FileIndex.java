package dev.bulwark.image;

import dev.bulwark.core.LayerRef;
import dev.bulwark.image.internal.EntryPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Records the headers of every layer during the scan's single pass, then merges them into the image's final
 * {@link FileView}, applying the OCI layer rules: a whiteout deletes a path and everything below it from lower
 * layers; an opaque marker empties a directory of lower layers' content; a non-directory replacing a directory
 * removes the directory's older content; within a layer, the last entry for a path wins.
 *
 * <p>Compact by design, because images with a million files exist: each layer's headers are kept as UTF-8 bytes in one
 * array plus parallel primitive arrays (about 16 bytes per entry besides the path), and the merged view is one sorted
 * array of references into them; {@link FileInfo} objects are made only when asked for.
 */
public final class FileIndex implements LayerVisitor {

    private final Map<Integer, Layer> layers = new ConcurrentSkipListMap<>();

    @Override
    public EntryVisitor layer(LayerRef layer) {
        Layer record = new Layer();
        int index = layer == null ? 0 : layer.index();
        layers.put(index, record);
        return new EntryVisitor() {
            @Override
            public boolean wantsContent(FileEntry header) {
                return false;
            }

            @Override
            public void visit(FileEntry entry) {
                record.add(entry.path(), entry.kind(), entry.size(), entry.mode(), entry.linkTarget());
            }

            @Override
            public void end() {
                // Sorted on the layer's own thread, in parallel with the other layers: view() only merges.
                record.sorted = record.sortedRefs(index);
            }
        };
    }

    /** One layer's headers, columnar. */
    private static final class Layer {
        private static final EntryKind[] KINDS = EntryKind.values();
        private byte[] paths = new byte[4096];
        private int pathBytes;
        private int[] offsets = new int[64];
        private long[] sizes = new long[64];
        private int[] modeKinds = new int[64];
        private final Map<Integer, String> links = new HashMap<>();
        private int count;
        /** This layer's refs sorted by path, once the layer has ended; null before. */
        private long[] sorted;

        long[] sortedRefs(int index) {
            long[] refs = new long[count];
            for (int i = 0; i < count; i++) {
                refs[i] = ((long) index << 32) | i;
            }
            Layer[] only = new Layer[index + 1];
            only[index] = this;
            new Paths(only).sort(refs);
            return refs;
        }

        void add(String path, EntryKind kind, long size, int mode, String linkTarget) {
            byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
            if (pathBytes + utf8.length > paths.length) {
                paths = Arrays.copyOf(paths, Math.max(paths.length + (paths.length >> 1), pathBytes + utf8.length));
            }
            if (count == offsets.length) {
                int grown = count + (count >> 1);
                offsets = Arrays.copyOf(offsets, grown);
                sizes = Arrays.copyOf(sizes, grown);
                modeKinds = Arrays.copyOf(modeKinds, grown);
            }
            System.arraycopy(utf8, 0, paths, pathBytes, utf8.length);
            offsets[count] = pathBytes;
            pathBytes += utf8.length;
            sizes[count] = size;
            modeKinds[count] = (mode & 0xffff) | (kind.ordinal() << 16);
            if (linkTarget != null) {
                links.put(count, linkTarget);
            }
            count++;
        }

        int start(int i) {
            return offsets[i];
        }

        int end(int i) {
            return i + 1 < count ? offsets[i + 1] : pathBytes;
        }

        EntryKind kind(int i) {
            return KINDS[modeKinds[i] >>> 16];
        }

        int mode(int i) {
            return modeKinds[i] & 0xffff;
        }

        String path(int i) {
            return new String(paths, start(i), end(i) - start(i), StandardCharsets.UTF_8);
        }
    }

    /** The final filesystem; call after the walk. */
    public FileView view() {
        int maxLayer = 0;
        long total = 0;
        for (var e : layers.entrySet()) {
            maxLayer = Math.max(maxLayer, e.getKey());
            total += e.getValue().count;
        }
        Layer[] byIndex = new Layer[maxLayer + 1];
        layers.forEach((index, layer) -> byIndex[index] = layer);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " entries");
        }
        Paths paths = new Paths(byIndex);
        List<long[]> runs = new ArrayList<>();
        for (int l = 0; l < byIndex.length; l++) {
            Layer layer = byIndex[l];
            if (layer != null) {
                runs.add(layer.sorted != null && layer.sorted.length == layer.count ? layer.sorted
                        : layer.sortedRefs(l));
                layer.sorted = null;
            }
        }
        long[] refs = paths.mergeRuns(runs);
        long[] alive = merge(refs, paths);
        return new CompactView(paths, alive);
    }

    /**
     * Sweeps the references sorted by path (descendants right after their directory) with a stack of ancestors,
     * keeping for each path its last writer unless a later layer deleted it: a whiteout of the path or an ancestor,
     * an opaque marker on an ancestor, or a newer non-directory in place of an ancestor.
     */
    private static long[] merge(long[] refs, Paths paths) {
        long[] alive = new long[refs.length];
        int aliveCount = 0;
        // Ancestor stack: the group's first ref (for its path) and the order below which its descendants are dead.
        long[] stackRef = new long[64];
        long[] stackKill = new long[64];
        int depth = 0;
        int i = 0;
        while (i < refs.length) {
            int j = i + 1;
            while (j < refs.length && paths.compare(refs[i], refs[j]) == 0) {
                j++;
            }
            long winner = -1;
            long whiteout = -1;
            long killBelow = -1;
            for (int k = i; k < j; k++) {
                long ref = refs[k];
                EntryKind kind = paths.kind(ref);
                long layerStart = ref & 0xffffffff00000000L;
                switch (kind) {
                    case WHITEOUT -> {
                        whiteout = Math.max(whiteout, layerStart);
                        killBelow = Math.max(killBelow, layerStart);
                    }
                    case OPAQUE_WHITEOUT -> killBelow = Math.max(killBelow, layerStart);
                    case DIRECTORY -> winner = Math.max(winner, ref);
                    default -> {
                        winner = Math.max(winner, ref);
                        killBelow = Math.max(killBelow, ref);
                    }
                }
            }
            while (depth > 0 && !paths.isBelow(refs[i], stackRef[depth - 1])) {
                depth--;
            }
            long inherited = depth > 0 ? stackKill[depth - 1] : -1;
            if (winner >= 0 && winner >= inherited && winner >= whiteout && !paths.isRoot(refs[i])) {
                alive[aliveCount++] = winner;
            }
            if (depth == stackRef.length) {
                stackRef = Arrays.copyOf(stackRef, depth * 2);
                stackKill = Arrays.copyOf(stackKill, depth * 2);
            }
            stackRef[depth] = refs[i];
            stackKill[depth] = Math.max(inherited, killBelow);
            depth++;
            i = j;
        }
        return Arrays.copyOf(alive, aliveCount);
    }

    /** Path comparisons over the layers' byte arrays, with {@code /} ordered before every other byte. */
    private static final class Paths {
        private final Layer[] layers;

        Paths(Layer[] layers) {
            this.layers = layers;
        }

        Layer layer(long ref) {
            return layers[(int) (ref >>> 32)];
        }

        static int index(long ref) {
            return (int) ref;
        }

        EntryKind kind(long ref) {
            return layer(ref).kind(index(ref));
        }

        boolean isRoot(long ref) {
            Layer l = layer(ref);
            int i = index(ref);
            return l.end(i) - l.start(i) == 1;
        }

        private static int rank(byte b) {
            return b == '/' ? 0 : (b & 0xff) + 1;
        }

        int compare(long a, long b) {
            Layer la = layer(a);
            Layer lb = layer(b);
            int ia = index(a);
            int ib = index(b);
            return compare(la.paths, la.start(ia), la.end(ia), lb.paths, lb.start(ib), lb.end(ib));
        }

        static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
            int mismatch = Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo);
            if (mismatch < 0) {
                return 0;
            }
            if (aFrom + mismatch == aTo) {
                return -1;
            }
            if (bFrom + mismatch == bTo) {
                return 1;
            }
            return Integer.compare(rank(a[aFrom + mismatch]), rank(b[bFrom + mismatch]));
        }

        /** Compares a ref's path with a path given as bytes. */
        int compare(long ref, byte[] path) {
            Layer l = layer(ref);
            int i = index(ref);
            return compare(l.paths, l.start(i), l.end(i), path, 0, path.length);
        }

        /** Whether {@code ref}'s path lies strictly below {@code ancestor}'s. */
        boolean isBelow(long ref, long ancestor) {
            Layer l = layer(ref);
            Layer la = layer(ancestor);
            int i = index(ref);
            int a = index(ancestor);
            int length = l.end(i) - l.start(i);
            int ancestorLength = la.end(a) - la.start(a);
            if (ancestorLength == 1) {
                return length > 1; // everything is below the root
            }
            return length > ancestorLength && l.paths[l.start(i) + ancestorLength] == '/'
                    && Arrays.equals(l.paths, l.start(i), l.start(i) + ancestorLength, la.paths, la.start(a),
                    la.end(a));
        }

        /** Stable merge sort of refs by (path, layer, index). */
        void sort(long[] refs) {
            long[] scratch = new long[refs.length];
            for (int width = 1; width < refs.length; width *= 2) {
                for (int lo = 0; lo < refs.length - width; lo += 2 * width) {
                    int mid = lo + width;
                    int hi = Math.min(lo + 2 * width, refs.length);
                    if (order(refs[mid - 1], refs[mid]) <= 0) {
                        continue; // already in order
                    }
                    System.arraycopy(refs, lo, scratch, lo, hi - lo);
                    int left = lo;
                    int right = mid;
                    for (int k = lo; k < hi; k++) {
                        if (left < mid && (right >= hi || order(scratch[left], scratch[right]) <= 0)) {
                            refs[k] = scratch[left++];
                        } else {
                            refs[k] = scratch[right++];
                        }
                    }
                }
            }
        }

        /** Merges runs sorted by {@link #order}, pairwise, into one sorted array. */
        long[] mergeRuns(List<long[]> runs) {
            List<long[]> level = new ArrayList<>(runs);
            if (level.isEmpty()) {
                return new long[0];
            }
            while (level.size() > 1) {
                List<long[]> next = new ArrayList<>();
                for (int r = 0; r + 1 < level.size(); r += 2) {
                    next.add(mergeTwo(level.get(r), level.get(r + 1)));
                }
                if (level.size() % 2 == 1) {
                    next.add(level.get(level.size() - 1));
                }
                level = next;
            }
            return level.get(0);
        }

        private long[] mergeTwo(long[] a, long[] b) {
            long[] out = new long[a.length + b.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < a.length && j < b.length) {
                out[k++] = order(a[i], b[j]) <= 0 ? a[i++] : b[j++];
            }
            System.arraycopy(a, i, out, k, a.length - i);
            k += a.length - i;
            System.arraycopy(b, j, out, k, b.length - j);
            return out;
        }

        private int order(long a, long b) {
            int byPath = compare(a, b);
            return byPath != 0 ? byPath : Long.compare(a, b);
        }
    }

    /** The merged view: the surviving refs, sorted by path. */
    private static final class CompactView implements FileView {
        private static final int MAX_HOPS = 40;
        private static final FileInfo ROOT = new FileInfo("/", EntryKind.DIRECTORY, 0, 0755, null, 0);
        private final Paths paths;
        private final long[] refs;

        CompactView(Paths paths, long[] refs) {
            this.paths = paths;
            this.refs = refs;
        }

        /** Index of the first ref whose path is >= {@code path}. */
        private int lowerBound(byte[] path) {
            int lo = 0;
            int hi = refs.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (paths.compare(refs[mid], path) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int find(String path) {
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            int at = lowerBound(bytes);
            return at < refs.length && paths.compare(refs[at], bytes) == 0 ? at : -1;
        }

        private FileInfo info(long ref) {
            Layer layer = paths.layer(ref);
            int i = Paths.index(ref);
            String path = layer.path(i);
            EntryKind kind = layer.kind(i);
            String link = layer.links.get(i);
            int layerIndex = (int) (ref >>> 32);
            if (kind == EntryKind.HARDLINK) {
                int target = link == null ? -1 : find(link);
                EntryKind targetKind = EntryKind.FILE;
                long targetSize = 0;
                if (target >= 0) {
                    Layer targetLayer = paths.layer(refs[target]);
                    int t = Paths.index(refs[target]);
                    if (targetLayer.kind(t) != EntryKind.HARDLINK) { // links to links are not followed
                        targetKind = targetLayer.kind(t);
                        targetSize = targetLayer.sizes[t];
                    }
                }
                return new FileInfo(path, targetKind, targetSize, layer.mode(i), link, layerIndex);
            }
            return new FileInfo(path, kind, layer.sizes[i], layer.mode(i), link, layerIndex);
        }

        private FileInfo lookup(String path) {
            if (path.equals("/")) {
                return ROOT;
            }
            int at = find(path);
            return at < 0 ? null : info(refs[at]);
        }

        @Override
        public Optional<FileInfo> get(String path) {
            return Optional.ofNullable(lookup(path));
        }

        @Override
        public Optional<FileInfo> resolve(String path) {
            Deque<String> pending = new ArrayDeque<>();
            for (String part : path.split("/")) {
                if (!part.isEmpty()) {
                    pending.addLast(part);
                }
            }
            String current = "/";
            int hops = 0;
            while (!pending.isEmpty()) {
                String part = pending.pollFirst();
                if (part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    current = EntryPaths.parent(current);
                    continue;
                }
                String next = EntryPaths.child(current, part);
                FileInfo info = lookup(next);
                if (info == null) {
                    if (!hasDescendants(next)) {
                        return Optional.empty();
                    }
                    current = next; // a directory implied by its content (tars need not list every parent)
                    continue;
                }
                if (info.kind() == EntryKind.SYMLINK) {
                    if (++hops > MAX_HOPS) {
                        return Optional.empty();
                    }
                    String target = info.linkTarget();
                    if (target.startsWith("/")) {
                        current = "/";
                    }
                    String[] targetParts = target.split("/");
                    for (int i = targetParts.length - 1; i >= 0; i--) {
                        if (!targetParts[i].isEmpty()) {
                            pending.addFirst(targetParts[i]);
                        }
                    }
                } else {
                    current = next;
                }
            }
            FileInfo found = lookup(current);
            if (found == null && hasDescendants(current)) {
                return Optional.of(new FileInfo(current, EntryKind.DIRECTORY, 0, 0755, null, 0));
            }
            return Optional.ofNullable(found);
        }

        private boolean hasDescendants(String dir) {
            String prefix = dir.equals("/") ? "/" : dir + "/";
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            int at = lowerBound(bytes);
            return at < refs.length && startsWith(refs[at], bytes);
        }

        private boolean startsWith(long ref, byte[] prefix) {
            Layer layer = paths.layer(ref);
            int i = Paths.index(ref);
            int start = layer.start(i);
            return layer.end(i) - start >= prefix.length
                    && Arrays.equals(layer.paths, start, start + prefix.length, prefix, 0, prefix.length);
        }

        @Override
        public boolean isVisible(String path, int layerIndex) {
            int at = find(path);
            return at >= 0 && (int) (refs[at] >>> 32) == layerIndex;
        }

        @Override
        public List<FileInfo> list(String dir) {
            String prefix = dir.equals("/") ? "/" : dir + "/";
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            List<FileInfo> children = new ArrayList<>();
            for (int at = lowerBound(bytes); at < refs.length && startsWith(refs[at], bytes); at++) {
                Layer layer = paths.layer(refs[at]);
                int i = Paths.index(refs[at]);
                boolean direct = true;
                for (int b = layer.start(i) + bytes.length; b < layer.end(i); b++) {
                    if (layer.paths[b] == '/') {
                        direct = false;
                        break;
                    }
                }
                if (direct && layer.end(i) - layer.start(i) > bytes.length) {
                    children.add(info(refs[at]));
                }
            }
            return children;
        }

        @Override
        public long size() {
            return refs.length;
        }
    }
}
