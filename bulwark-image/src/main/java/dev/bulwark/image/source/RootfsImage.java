package dev.bulwark.image.source;

import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.InputException;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unpacked root filesystem, presented as an image with a single unnamed layer ({@code LayerVisitor.layer(null)}).
 * Symlinks are reported, never followed, so a link such as {@code etc/passwd -> /etc/passwd} cannot make the scan read
 * the host's files; resolution happens in the image's own {@link dev.bulwark.image.FileView}. When the root is the
 * host's {@code /}, the kernel's virtual filesystems ({@code /proc}, {@code /sys}) are skipped.
 */
public final class RootfsImage implements Image {

    private static final Logger LOG = LoggerFactory.getLogger(RootfsImage.class);
    private static final Set<String> HOST_VIRTUAL = Set.of("/proc", "/sys", "/dev");

    private final Path root;
    private final ImageOptions options;
    private final ImageMetadata metadata;

    public RootfsImage(Path root, ImageOptions options) {
        if (!Files.isDirectory(root)) {
            throw new InputException(root.toString(), "not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
        this.metadata = new ImageMetadata(this.root.toString(), List.of(), List.of(), null, null, null, null,
                ImageConfig.empty(), List.of(), List.of());
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public void walk(LayerVisitor visitor) throws IOException {
        EntryVisitor entries = visitor.layer(null);
        if (entries == null) {
            return;
        }
        boolean hostRoot = root.getParent() == null;
        long[] count = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String path = pathOf(dir);
                if (hostRoot && HOST_VIRTUAL.contains(path)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                emit(dir, path, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                emit(file, pathOf(file), attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                LOG.warn("{}: cannot read {} ({}); skipped", root, file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }

            private void emit(Path file, String path, BasicFileAttributes attrs) throws IOException {
                if (++count[0] > options.limits().maxEntries()) {
                    throw new InputException(root.toString(), "more than " + options.limits().maxEntries()
                            + " files");
                }
                if (path.length() > options.limits().maxPathLength()) {
                    LOG.warn("{}: path longer than {} characters skipped: {}", root,
                            options.limits().maxPathLength(), path.substring(0, 200));
                    return;
                }
                DiskEntry entry = new DiskEntry(file, path, attrs);
                entry.contentAllowed = entry.kind == EntryKind.FILE && entries.wantsContent(entry);
                try {
                    entries.visit(entry);
                } finally {
                    entry.finished = true;
                }
            }
        });
        entries.end();
    }

    private String pathOf(Path file) {
        Path relative = root.relativize(file);
        String text = relative.toString();
        return text.isEmpty() ? "/" : "/" + text.replace(java.io.File.separatorChar, '/');
    }

    @Override
    public void close() {
    }

    private static final class DiskEntry implements FileEntry {
        private final Path file;
        private final String path;
        private final EntryKind kind;
        private final long size;
        private final int mode;
        private final String linkTarget;
        private boolean contentAllowed;
        private boolean finished;

        DiskEntry(Path file, String path, BasicFileAttributes attrs) throws IOException {
            this.file = file;
            this.path = path;
            if (attrs.isSymbolicLink()) {
                kind = EntryKind.SYMLINK;
                linkTarget = Files.readSymbolicLink(file).toString();
            } else if (attrs.isDirectory()) {
                kind = EntryKind.DIRECTORY;
                linkTarget = null;
            } else if (attrs.isRegularFile()) {
                kind = EntryKind.FILE;
                linkTarget = null;
            } else {
                kind = EntryKind.OTHER;
                linkTarget = null;
            }
            size = kind == EntryKind.FILE ? attrs.size() : 0;
            mode = permissions(file);
        }

        private static int permissions(Path file) {
            try {
                int mode = 0;
                for (PosixFilePermission p : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) {
                    mode |= 1 << (8 - p.ordinal());
                }
                return mode;
            } catch (IOException | UnsupportedOperationException e) {
                return 0;
            }
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public EntryKind kind() {
            return kind;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int mode() {
            return mode;
        }

        @Override
        public String linkTarget() {
            return linkTarget;
        }

        @Override
        public InputStream open() throws IOException {
            if (kind != EntryKind.FILE || !contentAllowed || finished) {
                throw new IllegalStateException(path + ": content is not available here");
            }
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
