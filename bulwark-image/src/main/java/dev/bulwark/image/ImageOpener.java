package dev.bulwark.image;

import dev.bulwark.core.InputException;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.Compression;
import dev.bulwark.image.internal.DirectoryFiles;
import dev.bulwark.image.internal.LimitedInputStream;
import dev.bulwark.image.internal.ReadAheadInputStream;
import dev.bulwark.image.internal.TarFiles;
import dev.bulwark.image.source.DockerArchiveSource;
import dev.bulwark.image.source.OciLayoutSource;
import dev.bulwark.image.source.RegistrySource;
import dev.bulwark.image.source.RootfsImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Opens images from registries, files, directories and root filesystems, recognising a file's format from the content: a
 * docker-archive or an OCI layout, as a directory or a tar, the tar optionally gzip- or zstd-compressed as a whole.
 *
 * <p>An image file may carry a selector: {@code PATH:TAG} picks the image with that tag, {@code PATH@sha256:...} the
 * manifest or index with that digest (OCI layouts); for a multi-platform index the {@link ImageOptions#platform()}
 * decides.
 */
public final class ImageOpener {

    private final ImageOptions options;
    private final RegistryEnvironment registryEnvironment;

    /** An opener that reaches registries with the process's HTTP stack, clock and environment. */
    public ImageOpener(ImageOptions options) {
        this(options, RegistryEnvironment.system());
    }

    /** An opener that reaches registries through {@code registryEnvironment} (tests, or the CLI's environment). */
    public ImageOpener(ImageOptions options, RegistryEnvironment registryEnvironment) {
        this.options = java.util.Objects.requireNonNull(options, "options is null");
        this.registryEnvironment = java.util.Objects.requireNonNull(registryEnvironment, "registryEnvironment is null");
    }

    /**
     * Opens an image in a registry, e.g. {@code alpine:3.20} or {@code 127.0.0.1:5000/team/app@sha256:...}: the
     * manifest and config are fetched and verified now; layers stream from the registry during
     * {@link Image#walk}. Credentials and TLS come from {@link ImageOptions#registry()}.
     *
     * @throws dev.bulwark.core.UsageException when the reference is malformed
     * @throws InputException when the registry cannot be reached, refuses access, or serves something invalid
     */
    public Image openReference(String reference) throws IOException {
        return RegistrySource.open(ImageReference.parse(reference), reference, options, registryEnvironment);
    }

    /** A path with an optional selector, split. */
    record FileInput(Path path, String selector) {
    }

    /** Opens {@code PATH}, {@code PATH:TAG} or {@code PATH@DIGEST}. */
    public Image openFile(String input) throws IOException {
        FileInput parsed = parse(input);
        Path path = parsed.path();
        String name = input;
        if (Files.isDirectory(path)) {
            return openArchive(new DirectoryFiles(path), name, parsed.selector(), () -> { });
        }
        if (!Files.isRegularFile(path)) {
            throw new InputException(path.toString(), "no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw new InputException(path.toString(), "not readable");
        }
        Compression compression;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            compression = Compression.detect(in);
        }
        if (compression == Compression.NONE) {
            return openArchive(new TarFiles(path, options.limits().maxPathLength(), options.limits().maxPathDepth()),
                    name, parsed.selector(), () -> { });
        }
        Path spool = decompressToSpool(path);
        try {
            return openArchive(new TarFiles(spool, options.limits().maxPathLength(), options.limits().maxPathDepth()),
                    name, parsed.selector(), () -> deleteQuietly(spool));
        } catch (RuntimeException | IOException e) {
            deleteQuietly(spool);
            throw e;
        }
    }

    /** Opens an unpacked root filesystem. */
    public Image openRootfs(Path directory) {
        return new RootfsImage(directory, options);
    }

    private Image openArchive(ArchiveFiles files, String name, String selector, Runnable onClose)
            throws IOException {
        try {
            if (OciLayoutSource.accepts(files)) {
                return OciLayoutSource.open(files, name, selector, options.platform(), options, onClose);
            }
            if (DockerArchiveSource.accepts(files)) {
                return DockerArchiveSource.open(files, name, selector, options, onClose);
            }
            throw new InputException(files.describe(), "neither a docker-archive (no manifest.json) nor an OCI "
                    + "layout (no oci-layout and index.json)");
        } catch (RuntimeException | IOException e) {
            try {
                files.close();
            } finally {
                onClose.run();
            }
            throw e;
        }
    }

    /**
     * A compressed archive cannot be read with random access, and a docker-archive names its layers only in a
     * {@code manifest.json} stored after them: so it is decompressed once into the cache directory (bounded by the
     * image limits) and read from there.
     */
    private Path decompressToSpool(Path archive) throws IOException {
        Files.createDirectories(options.tempDir());
        Path spool = Files.createTempFile(options.tempDir(), "archive-", ".tar");
        ImageLimits limits = options.limits();
        // The ratio is judged on the compressed bytes consumed so far, not on the file's size: a bomb is stopped
        // once it has expanded past the grace bytes, before it fills the cache directory.
        long[] consumed = {0};
        try (InputStream file = Files.newInputStream(archive)) {
            InputStream counted = new java.io.FilterInputStream(file) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    consumed[0] += b >= 0 ? 1 : 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    consumed[0] += Math.max(n, 0);
                    return n;
                }
            };
            Compression.Decompressing decompressing = Compression.open(counted);
            // Decompression on one thread, writing on this one.
            try (InputStream in = new LimitedInputStream(decompressing.stream(),
                    limits.maxTotalBytes(), limits.maxCompressionRatio(), limits.ratioGraceBytes(),
                    () -> consumed[0] - decompressing.unconsumed().getAsLong());
                 ReadAheadInputStream ahead = new ReadAheadInputStream(in, 8, 256 * 1024, "bulwark-spool");
                 OutputStream out = Files.newOutputStream(spool)) {
                ahead.transferTo(out);
            }
        } catch (LimitedInputStream.LimitExceededException e) {
            deleteQuietly(spool);
            throw new InputException(archive.toString(), e.getMessage(), e);
        } catch (ZipException | java.io.EOFException | com.github.luben.zstd.ZstdIOException e) {
            deleteQuietly(spool);
            throw new InputException(archive.toString(), "truncated or corrupt compressed archive ("
                    + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
        return spool;
    }

    static FileInput parse(String input) {
        Path whole = Path.of(input);
        if (Files.exists(whole)) {
            return new FileInput(whole, null);
        }
        int at = input.lastIndexOf('@');
        if (at > 0 && input.substring(at + 1).matches("[a-z0-9]+:[a-zA-Z0-9=_-]+")) {
            return new FileInput(Path.of(input.substring(0, at)), input.substring(at + 1));
        }
        // Tags may hold ':' and '/' themselves (example/app:1.0), so the split is the first ':' after an existing path.
        for (int colon = input.indexOf(':'); colon > 0; colon = input.indexOf(':', colon + 1)) {
            Path candidate = Path.of(input.substring(0, colon));
            if (Files.exists(candidate) && colon < input.length() - 1) {
                return new FileInput(candidate, input.substring(colon + 1));
            }
        }
        return new FileInput(whole, null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
