package dev.bulwark.image;

import dev.bulwark.core.Progress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open images.
 *
 * @param platform the platform to pick from a multi-platform index ({@link Platform#LINUX_AMD64} by default)
 * @param limits bounds on untrusted input
 * @param tempDir where sources may spool data they cannot stream (a compressed archive's inner tar); inside the
 *     cache directory, never the system temp dir, so that nothing is written outside it
 * @param progress receives per-layer progress (for registries: the download of each layer)
 * @param registry credentials and TLS settings for registry references
 * @param parallelism how many layers a source may read at once (1 = one after the other); visitors must then accept
 *     layers on different threads, as {@link LayerVisitor} requires
 */
public record ImageOptions(Platform platform, ImageLimits limits, Path tempDir, Progress progress,
                           RegistryOptions registry, int parallelism) {

    public ImageOptions {
        Objects.requireNonNull(platform, "platform is null");
        Objects.requireNonNull(limits, "limits is null");
        Objects.requireNonNull(tempDir, "tempDir is null");
        Objects.requireNonNull(progress, "progress is null");
        Objects.requireNonNull(registry, "registry is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    /** Options with {@link RegistryOptions#DEFAULTS} and the default parallelism. */
    public ImageOptions(Platform platform, ImageLimits limits, Path tempDir, Progress progress) {
        this(platform, limits, tempDir, progress, RegistryOptions.DEFAULTS);
    }

    /** Options with the default parallelism. */
    public ImageOptions(Platform platform, ImageLimits limits, Path tempDir, Progress progress,
                        RegistryOptions registry) {
        this(platform, limits, tempDir, progress, registry, defaultParallelism());
    }

    /** As many layers at once as there are cores, at most 4 (decompression is the work; more buys nothing). */
    public static int defaultParallelism() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public static ImageOptions defaults(Path tempDir) {
        return new ImageOptions(Platform.LINUX_AMD64, ImageLimits.DEFAULTS, tempDir, Progress.NONE);
    }

    public ImageOptions withPlatform(Platform newPlatform) {
        return new ImageOptions(newPlatform, limits, tempDir, progress, registry, parallelism);
    }

    public ImageOptions withLimits(ImageLimits newLimits) {
        return new ImageOptions(platform, newLimits, tempDir, progress, registry, parallelism);
    }

    public ImageOptions withProgress(Progress newProgress) {
        return new ImageOptions(platform, limits, tempDir, newProgress, registry, parallelism);
    }

    public ImageOptions withRegistry(RegistryOptions newRegistry) {
        return new ImageOptions(platform, limits, tempDir, progress, newRegistry, parallelism);
    }

    public ImageOptions withParallelism(int newParallelism) {
        return new ImageOptions(platform, limits, tempDir, progress, registry, newParallelism);
    }
}
