package dev.bulwark.image;

import dev.bulwark.core.LayerRef;
import dev.bulwark.image.internal.EntryPaths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Records the headers of every layer during the scan's single pass, then merges them into the image's final
 * {@link FileView}, applying the OCI layer rules: a whiteout deletes a path and everything below it from lower
 * layers; an opaque marker empties a directory of lower layers' content; a non-directory replacing a directory
 * removes the directory's lower content; within a layer, the last entry for a path wins.
 */
public final class FileIndex implements LayerVisitor {

    /** What one layer says about one path. */
    private record Change(String path, EntryKind kind, long size, int mode, String linkTarget) {
    }

    private final Map<Integer, List<Change>> layers = new ConcurrentSkipListMap<>();

    @Override
    public EntryVisitor layer(LayerRef layer) {
        List<Change> changes = new ArrayList<>();
        layers.put(layer == null ? 0 : layer.index(), changes);
        return new EntryVisitor() {
            @Override
            public boolean wantsContent(FileEntry header) {
                return false;
            }

            @Override
            public void visit(FileEntry entry) {
                changes.add(new Change(entry.path(), entry.kind(), entry.size(), entry.mode(), entry.linkTarget()));
            }
        };
    }

    /** The final filesystem; call after the walk. */
    public FileView view() {
        NavigableMap<String, FileInfo> files = new TreeMap<>();
        files.put("/", new FileInfo("/", EntryKind.DIRECTORY, 0, 0755, null, 0));
        for (var layer : layers.entrySet()) {
            int index = layer.getKey();
            List<Change> changes = layer.getValue();
            for (Change change : changes) {
                if (change.kind() == EntryKind.WHITEOUT) {
                    files.remove(change.path());
                    removeBelow(files, change.path());
                } else if (change.kind() == EntryKind.OPAQUE_WHITEOUT) {
                    removeBelow(files, change.path());
                }
            }
            for (Change change : changes) {
                if (change.kind() == EntryKind.WHITEOUT || change.kind() == EntryKind.OPAQUE_WHITEOUT) {
                    continue;
                }
                FileInfo previous = files.get(change.path());
                if (previous != null && previous.kind() == EntryKind.DIRECTORY
                        && change.kind() != EntryKind.DIRECTORY) {
                    removeBelow(files, change.path());
                }
                FileInfo info;
                if (change.kind() == EntryKind.HARDLINK) {
                    FileInfo target = files.get(change.linkTarget());
                    info = new FileInfo(change.path(), target != null ? target.kind() : EntryKind.FILE,
                            target != null ? target.size() : 0, change.mode(), change.linkTarget(), index);
                } else {
                    info = new FileInfo(change.path(), change.kind(), change.size(), change.mode(),
                            change.linkTarget(), index);
                }
                files.put(change.path(), info);
            }
        }
        return new TreeFileView(files);
    }

    private static void removeBelow(NavigableMap<String, FileInfo> files, String dir) {
        if (dir.equals("/")) {
            files.tailMap("/", false).clear();
        } else {
            files.subMap(dir + "/", true, dir + "0", false).clear();
        }
    }

    /** The merged view over a sorted map of paths. */
    private static final class TreeFileView implements FileView {
        private static final int MAX_HOPS = 40;
        private final NavigableMap<String, FileInfo> files;

        TreeFileView(NavigableMap<String, FileInfo> files) {
            this.files = files;
        }

        @Override
        public Optional<FileInfo> get(String path) {
            return Optional.ofNullable(files.get(path));
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
                FileInfo info = files.get(next);
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
            FileInfo found = files.get(current);
            if (found == null && hasDescendants(current)) {
                return Optional.of(new FileInfo(current, EntryKind.DIRECTORY, 0, 0755, null, 0));
            }
            return Optional.ofNullable(found);
        }

        private boolean hasDescendants(String dir) {
            String prefix = dir + "/";
            String below = files.ceilingKey(prefix);
            return below != null && below.startsWith(prefix);
        }

        @Override
        public boolean isVisible(String path, int layerIndex) {
            FileInfo info = files.get(path);
            return info != null && info.layerIndex() == layerIndex;
        }

        @Override
        public List<FileInfo> list(String dir) {
            String prefix = dir.equals("/") ? "/" : dir + "/";
            List<FileInfo> children = new ArrayList<>();
            for (FileInfo info : files.tailMap(prefix, false).values()) {
                if (!info.path().startsWith(prefix)) {
                    break;
                }
                if (info.path().indexOf('/', prefix.length()) < 0) {
                    children.add(info);
                }
            }
            return children;
        }

        @Override
        public long size() {
            return files.size() - 1;
        }
    }
}
