package dev.bulwark.sbom;

import dev.bulwark.core.LayerRef;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.FileView;
import dev.bulwark.sbom.internal.InventoryAssembler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The package inventory as one consumer of an image's single streaming pass ({@link dev.bulwark.image.LayerVisitor}):
 * it offers each file to the analyzers that accept its path, keeps each layer's {@link LayerResult}, and after the
 * walk judges them against the final filesystem ({@link #inventory(FileView, List)}). Compose it with a
 * {@link dev.bulwark.image.FileIndex} through {@link dev.bulwark.image.LayerVisitors#compose}.
 */
public final class InventoryVisitor implements dev.bulwark.image.LayerVisitor {

    static final int MEMORY_BUFFER_LIMIT = 8 << 20;

    private final List<PackageAnalyzer> analyzers;
    private final Path tempDir;
    private final Map<Integer, LayerResult> results = new ConcurrentSkipListMap<>();

    /**
     * @param analyzers the analyzers to run (see {@link Analyzers})
     * @param tempDir where analyzers may spool files (inside the cache directory)
     */
    public InventoryVisitor(List<PackageAnalyzer> analyzers, Path tempDir) {
        this.analyzers = List.copyOf(analyzers);
        this.tempDir = tempDir;
    }

    @Override
    public EntryVisitor layer(LayerRef layer) {
        int index = layer == null ? 0 : layer.index();
        String where = layer == null ? "root filesystem" : "layer " + (index + 1) + " (" + layer.diffId() + ")";
        LayerResult.Builder builder = LayerResult.builder(where);
        return new LayerEntries(layer, builder, () -> results.put(index, builder.build()));
    }

    /** The results per layer index (0 for a root filesystem), after the walk. */
    public Map<Integer, LayerResult> results() {
        return Map.copyOf(results);
    }

    /**
     * Judges the per-layer results against the final filesystem: drops packages whose files were deleted or hidden,
     * attributes each package to the layer that introduced it, detects the distribution and drops language packages
     * in files owned by OS packages.
     *
     * @param view the final filesystem, from a {@link dev.bulwark.image.FileIndex} run in the same pass
     * @param layers the image's layers (empty for a root filesystem)
     */
    public Inventory inventory(FileView view, List<LayerRef> layers) {
        return new InventoryAssembler(results, view, layers).assemble();
    }

    private final class LayerEntries implements EntryVisitor {
        private final LayerRef layer;
        private final LayerResult.Builder out;
        private final Runnable onEnd;
        private final List<PackageAnalyzer> accepted = new ArrayList<>(2);
        private FileEntry asked;

        LayerEntries(LayerRef layer, LayerResult.Builder out, Runnable onEnd) {
            this.layer = layer;
            this.out = out;
            this.onEnd = onEnd;
        }

        @Override
        public boolean wantsContent(FileEntry header) {
            accepted.clear();
            asked = header;
            if (header.kind() != EntryKind.FILE) {
                return false;
            }
            String path = header.path();
            for (PackageAnalyzer analyzer : analyzers) {
                if (analyzer.accepts(path, header.size(), header.mode())) {
                    accepted.add(analyzer);
                }
            }
            return !accepted.isEmpty();
        }

        @Override
        public void visit(FileEntry entry) throws IOException {
            out.rewritten(entry.path());
            if (asked == null || !asked.path().equals(entry.path()) || accepted.isEmpty()) {
                asked = null;
                return;
            }
            asked = null;
            if (accepted.size() == 1) {
                try (InputStream in = entry.open()) {
                    run(accepted.getFirst(), entry, in);
                }
                return;
            }
            if (entry.size() <= MEMORY_BUFFER_LIMIT) {
                byte[] content;
                try (InputStream in = entry.open()) {
                    content = in.readAllBytes();
                }
                for (PackageAnalyzer analyzer : accepted) {
                    run(analyzer, entry, new ByteArrayInputStream(content));
                }
                return;
            }
            Files.createDirectories(tempDir);
            Path spool = Files.createTempFile(tempDir, "analyze-", ".bin");
            try {
                try (InputStream in = entry.open(); OutputStream o = Files.newOutputStream(spool)) {
                    in.transferTo(o);
                }
                for (PackageAnalyzer analyzer : accepted) {
                    try (InputStream in = Files.newInputStream(spool)) {
                        run(analyzer, entry, in);
                    }
                }
            } finally {
                Files.deleteIfExists(spool);
            }
        }

        private void run(PackageAnalyzer analyzer, FileEntry entry, InputStream in) throws IOException {
            AnalyzerInput input = new AnalyzerInput(entry.path(), entry.size(), entry.mode(), in, layer, tempDir);
            try {
                analyzer.analyze(input, out);
            } catch (dev.bulwark.core.BulwarkException e) {
                throw e;
            } catch (RuntimeException e) {
                out.warn(entry.path(), analyzer.descriptor().name() + " failed: " + e);
            }
        }

        @Override
        public void end() {
            onEnd.run();
        }
    }
}
