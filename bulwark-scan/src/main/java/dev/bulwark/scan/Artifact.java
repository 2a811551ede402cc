package dev.bulwark.scan;

import dev.bulwark.core.Digest;
import dev.bulwark.core.OperatingSystem;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report is about: the image (or root filesystem, directory, SBOM), its digests, distribution and layers, and
 * which layers come from the base image, so that users can tell "fix your layer" from "rebase".
 *
 * @param name the name the user gave (reference, file, directory)
 * @param type what kind of artifact it is
 * @param repoTags tags known for the image
 * @param repoDigests {@code name@sha256:...} digests known for the image
 * @param imageId the config digest, or {@code null}
 * @param manifestDigest the manifest digest, or {@code null}
 * @param os the distribution, or {@code null}
 * @param layers the layers, bottom first (empty outside images)
 * @param baseImage the base image the layer flags were decided from, or {@code null} when none is known
 */
public record Artifact(String name, Type type, List<String> repoTags, List<String> repoDigests, Digest imageId,
                       Digest manifestDigest, OperatingSystem os, List<Layer> layers, BaseImage baseImage) {

    /** Kinds of artifacts; {@link #label()} is the JSON value. */
    public enum Type {
        CONTAINER_IMAGE, ROOTFS, FILESYSTEM, SBOM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One layer.
     *
     * @param index 0-based position, bottom first
     * @param diffId digest of the uncompressed layer
     * @param digest digest of the stored blob, or {@code null}
     * @param createdBy the history instruction, or {@code null}
     * @param baseImage true when the layer belongs to the base image
     */
    public record Layer(int index, Digest diffId, Digest digest, String createdBy, boolean baseImage) {
        public Layer {
            Objects.requireNonNull(diffId, "diffId is null");
        }
    }

    /**
     * The base image as the user named it ({@code --base-image}) or the image's labels
     * ({@code org.opencontainers.image.base.name} / {@code .base.digest}).
     *
     * @param name the base image's name or file
     * @param digest its digest as the label states it, or {@code null}
     * @param source {@code option} or {@code label}
     * @param layers how many of the image's bottom layers it shares (0 when its layers could not be read)
     */
    public record BaseImage(String name, String digest, String source, int layers) {
        public BaseImage {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(source, "source is null");
        }
    }

    public Artifact {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
    }

    /** The layer at {@code index}, if the artifact has it. */
    public Optional<Layer> layer(int index) {
        return index >= 0 && index < layers.size() ? Optional.of(layers.get(index)) : Optional.empty();
    }
}
