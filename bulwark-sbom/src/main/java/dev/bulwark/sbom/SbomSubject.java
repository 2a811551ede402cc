package dev.bulwark.sbom;

import dev.bulwark.core.Digest;
import dev.bulwark.core.LayerRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an SBOM describes and who wrote it when: the image (or root filesystem, or directory) as the SBOM's root
 * component, its layers (for layer evidence), and the tool and timestamp for the document's metadata.
 *
 * @param name the image name or reference as the user gave it, or the directory
 * @param kind {@code container} for images, {@code filesystem} for root filesystems and directories
 * @param configDigest the image ID, or {@code null}
 * @param repoDigests {@code name@sha256:...} digests, possibly empty
 * @param layers the layers, bottom first (empty outside images)
 * @param toolVersion Bulwark's version, for the document's tool entry
 * @param timestamp when the document is written (passed in, so output is reproducible in tests)
 */
public record SbomSubject(String name, String kind, Digest configDigest, List<String> repoDigests,
                          List<LayerRef> layers, String toolVersion, Instant timestamp) {

    public SbomSubject {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(toolVersion, "toolVersion is null");
        Objects.requireNonNull(timestamp, "timestamp is null");
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
    }
}
