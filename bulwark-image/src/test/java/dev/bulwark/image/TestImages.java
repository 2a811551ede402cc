package dev.bulwark.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for image tests: open an image and collect what a walk sees. */
final class TestImages {

    private TestImages() {
    }

    static ImageOpener opener(Path cacheDir) {
        return new ImageOpener(ImageOptions.defaults(cacheDir.resolve("tmp")));
    }

    /** Walks the image with a FileIndex and returns the final view. */
    static FileView view(Image image) throws IOException {
        FileIndex index = new FileIndex();
        image.walk(index);
        return index.view();
    }

    /**
     * Every entry of every layer as "layer kind path", plus the content of files whose name is in {@code read}: in
     * archive order within each layer, layers bottom first (layers may be read in parallel, so each layer collects on
     * its own).
     */
    static List<String> entries(Image image, java.util.Set<String> read) throws IOException {
        Map<Integer, List<String>> byLayer = new java.util.concurrent.ConcurrentSkipListMap<>();
        image.walk(layer -> {
            List<String> seen = new ArrayList<>();
            byLayer.put(layer == null ? -1 : layer.index(), seen);
            return new EntryVisitor() {
                @Override
                public boolean wantsContent(FileEntry header) {
                    return read.contains(header.path());
                }

                @Override
                public void visit(FileEntry entry) throws IOException {
                    String line = (layer == null ? "-" : layer.index()) + " " + entry.kind() + " " + entry.path();
                    if (read.contains(entry.path())) {
                        try (var in = entry.open()) {
                            line += " = " + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        }
                    }
                    seen.add(line);
                }
            };
        });
        List<String> all = new ArrayList<>();
        byLayer.values().forEach(all::addAll);
        return all;
    }

    /** path -> "kind size layer" of the final view, for comparing two views. */
    static Map<String, String> summary(FileView view) {
        Map<String, String> summary = new TreeMap<>();
        collect(view, "/", summary);
        return summary;
    }

    private static void collect(FileView view, String dir, Map<String, String> summary) {
        for (FileInfo info : view.list(dir)) {
            summary.put(info.path(), info.kind() + " " + info.size() + " " + info.layerIndex()
                    + (info.linkTarget() != null ? " -> " + info.linkTarget() : ""));
            if (info.kind() == EntryKind.DIRECTORY) {
                collect(view, info.path(), summary);
            }
        }
    }
}
