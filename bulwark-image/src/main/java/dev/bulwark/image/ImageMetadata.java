package dev.bulwark.image;

import dev.bulwark.core.Digest;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.LayerRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an image says about itself, known before any layer is read.
 *
 * @param name what the user asked for (a reference or a file path, with selector)
 * @param repoTags tags recorded in the source (docker-archive {@code RepoTags}, OCI {@code ref.name}), possibly empty
 * @param repoDigests {@code name@sha256:...} digests known for the image, possibly empty
 * @param manifestDigest the digest of the image manifest, or {@code null} when the source has no manifest blob
 *     (docker-archive, root filesystem)
 * @param configDigest the digest of the config blob (the "image ID"), or {@code null} for a root filesystem
 * @param platform the image's platform, or {@code null} when unknown
 * @param created when the image was built, or {@code null}
 * @param config the runtime configuration and history
 * @param layers the layers, bottom first, with created-by from the history; empty for a root filesystem
 * @param layerSizes the stored (compressed) size of each layer in bytes, same order, -1 when unknown
 */
public record ImageMetadata(
        String name,
        List<String> repoTags,
        List<String> repoDigests,
        Digest manifestDigest,
        Digest configDigest,
        Platform platform,
        Instant created,
        ImageConfig config,
        List<LayerRef> layers,
        List<Long> layerSizes) {

    public ImageMetadata {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(config, "config is null");
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
        layerSizes = List.copyOf(layerSizes);
        if (layers.size() != layerSizes.size()) {
            throw new IllegalArgumentException("layers and layerSizes differ in length");
        }
    }
}
