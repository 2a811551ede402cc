package dev.bulwark.image;

import dev.bulwark.core.LayerRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines consumers so that they share one pass over the layers. An entry's content is streamed straight to the one
 * consumer that wants it; only when several want the same file is it buffered (in memory up to 8 MiB, beyond that in
 * a spool file in the cache directory), so memory stays bounded whatever the file sizes.
 */
public final class LayerVisitors {

    static final int MEMORY_BUFFER_LIMIT = 8 << 20;

    private LayerVisitors() {
    }

    /**
     * @param spoolDir where large files wanted by several consumers are spooled (inside the cache directory)
     * @param visitors the consumers; each sees every entry, in order
     */
    public static LayerVisitor compose(Path spoolDir, List<? extends LayerVisitor> visitors) {
        List<LayerVisitor> all = List.copyOf(visitors);
        return layer -> {
            List<EntryVisitor> active = new ArrayList<>(all.size());
            for (LayerVisitor visitor : all) {
                EntryVisitor entries = visitor.layer(layer);
                if (entries != null) {
                    active.add(entries);
                }
            }
            return switch (active.size()) {
                case 0 -> null;
                case 1 -> active.getFirst();
                default -> new Composite(active, spoolDir);
            };
        };
    }

    private static final class Composite implements EntryVisitor {
        private final List<EntryVisitor> children;
        private final Path spoolDir;
        private final boolean[] wants;
        private FileEntry asked;

        Composite(List<EntryVisitor> children, Path spoolDir) {
            this.children = children;
            this.spoolDir = spoolDir;
            this.wants = new boolean[children.size()];
        }

        @Override
        public boolean wantsContent(FileEntry header) {
            boolean any = false;
            for (int i = 0; i < children.size(); i++) {
                wants[i] = children.get(i).wantsContent(header);
                any |= wants[i];
            }
            asked = header;
            return any;
        }

        @Override
        public void visit(FileEntry entry) throws IOException {
            if (asked != entry) {
                java.util.Arrays.fill(wants, false);
            }
            asked = null;
            int wanting = 0;
            for (boolean w : wants) {
                wanting += w ? 1 : 0;
            }
            FileEntry headerOnly = new View(entry, null);
            if (wanting <= 1) {
                int reader = -1;
                for (int i = 0; i < children.size(); i++) {
                    if (wants[i]) {
                        reader = i;
                    } else {
                        children.get(i).visit(headerOnly);
                    }
                }
                if (reader >= 0) {
                    children.get(reader).visit(entry);
                }
                return;
            }
            for (int i = 0; i < children.size(); i++) {
                if (!wants[i]) {
                    children.get(i).visit(headerOnly);
                }
            }
            if (entry.size() <= MEMORY_BUFFER_LIMIT) {
                byte[] content;
                try (InputStream in = entry.open()) {
                    content = in.readAllBytes();
                }
                for (int i = 0; i < children.size(); i++) {
                    if (wants[i]) {
                        children.get(i).visit(new View(entry, () -> new ByteArrayInputStream(content)));
                    }
                }
                return;
            }
            Files.createDirectories(spoolDir);
            Path spool = Files.createTempFile(spoolDir, "entry-", ".bin");
            try {
                try (InputStream in = entry.open(); OutputStream out = Files.newOutputStream(spool)) {
                    in.transferTo(out);
                }
                for (int i = 0; i < children.size(); i++) {
                    if (wants[i]) {
                        children.get(i).visit(new View(entry, () -> Files.newInputStream(spool)));
                    }
                }
            } finally {
                Files.deleteIfExists(spool);
            }
        }

        @Override
        public void end() throws IOException {
            for (EntryVisitor child : children) {
                child.end();
            }
        }
    }

    /** Opens content from a buffer or spool file. */
    private interface ContentSource {
        InputStream open() throws IOException;
    }

    /** The same header with content from elsewhere, or none. */
    private record View(FileEntry header, ContentSource content) implements FileEntry {
        @Override
        public String path() {
            return header.path();
        }

        @Override
        public EntryKind kind() {
            return header.kind();
        }

        @Override
        public long size() {
            return header.size();
        }

        @Override
        public int mode() {
            return header.mode();
        }

        @Override
        public String linkTarget() {
            return header.linkTarget();
        }

        @Override
        public InputStream open() throws IOException {
            if (content == null) {
                throw new IllegalStateException(header.path() + ": content not requested by this visitor");
            }
            return content.open();
        }
    }

    /** A visitor that ignores every layer; a neutral element for composition. */
    public static LayerVisitor none() {
        return (LayerRef layer) -> null;
    }
}
