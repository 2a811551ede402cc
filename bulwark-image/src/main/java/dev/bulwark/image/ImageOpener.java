package dev.bulwark.image;

import dev.bulwark.core.InputException;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.Compression;
import dev.bulwark.image.internal.DirectoryFiles;
import dev.bulwark.image.internal.TarFiles;
import dev.bulwark.image.source.CompressedArchiveImage;
import dev.bulwark.image.source.DockerArchiveSource;
import dev.bulwark.image.source.OciLayoutSource;
import dev.bulwark.image.source.RegistrySource;
import dev.bulwark.image.source.RootfsImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        // Decompressed on first use: a walk that comes first reads layers while they stream in.
        return new CompressedArchiveImage(path, options,
                (files, onClose) -> openArchive(files, name, parsed.selector(), onClose));
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
}
