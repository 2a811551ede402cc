package dev.bulwark.image.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** An image archive unpacked into a directory (an OCI layout directory, or an extracted docker-archive). */
public final class DirectoryFiles implements ArchiveFiles {

    private final Path root;
    private final Path realRoot;

    public DirectoryFiles(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(realRoot)) {
            files.filter(Files::isRegularFile).forEach(p -> names.add(realRoot.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Override
    public boolean exists(String name) {
        return resolve(name) != null;
    }

    @Override
    public long size(String name) {
        Path file = resolve(name);
        try {
            return file == null ? -1 : Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path file = resolve(name);
        if (file == null) {
            throw new FileNotFoundException(root + ": " + name + " not found");
        }
        return Files.newInputStream(file);
    }

    /** The real file for {@code name}, or null when absent or when it (through symlinks) lies outside the root. */
    private Path resolve(String name) {
        if (name.startsWith("/") || name.contains("..") || name.indexOf('\0') >= 0) {
            return null;
        }
        Path candidate = realRoot.resolve(name);
        try {
            if (!Files.exists(candidate)) {
                return null;
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return real;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
    }
}
