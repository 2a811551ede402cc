package dev.bulwark.cli;

import dev.bulwark.core.Progress;
import dev.bulwark.core.UsageException;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import dev.bulwark.image.Platform;
import dev.bulwark.image.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to get at an image: platform, registry credentials and TLS, and the layer cache. Maps to the image module's
 * {@link ImageOptions} and {@link LayerCache}, so every command that reads images shares the same options.
 */
final class ImageSourceOptions {

    /** The bound of the layer cache in the cache directory. */
    static final long LAYER_CACHE_BYTES = 2L << 30;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", order = 2,
            description = "Platform to pick from a multi-platform image (default: linux/amd64).")
    String platform;

    @Option(names = "--username", paramLabel = "USER", order = 3,
            description = "Registry user name (default: from ~/.docker/config.json, else anonymous).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", order = 4,
            description = "Registry password or token; prefer --password-stdin or BULWARK_PASSWORD.")
    String password;

    @Option(names = "--password-stdin", order = 5, description = "Read the registry password from standard input.")
    boolean passwordStdin;

    @Option(names = "--insecure", order = 6,
            description = "Allow registries with self-signed certificates or plain HTTP.")
    boolean insecure;

    @Option(names = "--no-cache", order = 7, description = "Neither read nor write the layer cache.")
    boolean noCache;

    @Option(names = "--parallel", paramLabel = "N", order = 8,
            description = "Layers read at once (default: the number of cores, at most 4); 1 reads them one after "
                    + "the other, in the least memory.")
    Integer parallel;

    /** How many layers to read at once, validated. */
    int parallelism() {
        if (parallel == null) {
            return ImageOptions.defaultParallelism();
        }
        if (parallel < 1 || parallel > 64) {
            throw new UsageException("--parallel", "must be between 1 and 64, got " + parallel);
        }
        return parallel;
    }

    /** The platform to pick, validated. */
    Platform platform() {
        return platform == null ? Platform.LINUX_AMD64 : Platform.parse(platform);
    }

    /** Credentials and TLS settings; reads the password from {@code stdin} for {@code --password-stdin}. */
    RegistryOptions registry(InputStream stdin) {
        String secret = password;
        if (passwordStdin) {
            if (password != null) {
                throw new UsageException("--password-stdin", "cannot be combined with --password");
            }
            try {
                secret = new String(stdin.readNBytes(64 << 10), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException("--password-stdin", "cannot read standard input: " + e.getMessage(), e);
            }
            if (secret.isEmpty()) {
                throw new UsageException("--password-stdin", "standard input is empty");
            }
        }
        if (secret != null && username == null) {
            throw new UsageException("--password", "needs --username");
        }
        if (username != null && secret == null) {
            throw new UsageException("--username", "needs --password or --password-stdin");
        }
        return new RegistryOptions(username, secret, insecure);
    }

    /** The image options for a run with this cache directory. */
    ImageOptions imageOptions(Path cacheDir, Progress progress, InputStream stdin) {
        return ImageOptions.defaults(cacheDir.resolve("tmp")).withPlatform(platform()).withProgress(progress)
                .withRegistry(registry(stdin)).withParallelism(parallelism());
    }

    /** The layer cache in the cache directory, or the disabled one for {@code --no-cache}. */
    LayerCache layerCache(Path cacheDir) {
        return noCache ? LayerCache.disabled() : LayerCache.open(cacheDir.resolve("layers"), LAYER_CACHE_BYTES);
    }
}
