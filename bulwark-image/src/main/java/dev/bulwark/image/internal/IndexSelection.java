package dev.bulwark.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.InputException;
import dev.bulwark.image.Platform;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Picks the entry for a platform out of an OCI image index or a Docker manifest list: shared by OCI layouts and
 * registries so that both choose the same image from the same index. Attestation manifests (BuildKit's
 * {@code unknown/unknown} entries) are never chosen.
 */
public final class IndexSelection {

    /** Indexes nested deeper than this are refused (real ones nest at most once or twice). */
    public static final int MAX_DEPTH = 8;

    private IndexSelection() {
    }

    /** Whether a media type is an index (OCI index or Docker manifest list). */
    public static boolean isIndex(String mediaType) {
        return mediaType.equals("application/vnd.oci.image.index.v1+json")
                || mediaType.equals("application/vnd.docker.distribution.manifest.list.v2+json");
    }

    /**
     * The descriptor of {@code index} whose platform {@code platform} accepts.
     *
     * @param where names the index in the error ("index sha256:...")
     * @throws InputException listing the available platforms when none matches
     */
    public static JsonNode byPlatform(JsonNode index, Platform platform, String source, String where) {
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray()) {
            throw new InputException(source, where + ": not an image index (no \"manifests\" array)");
        }
        Set<String> available = new LinkedHashSet<>();
        for (JsonNode m : manifests) {
            JsonNode p = m.path("platform");
            if (!p.isObject() || isAttestation(m)) {
                continue;
            }
            Platform candidate = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.path("variant").asText(null));
            available.add(candidate.toString());
            if (platform.accepts(candidate)) {
                return m;
            }
        }
        throw new InputException(source, "no image for platform " + platform + " in " + where + " (available: "
                + (available.isEmpty() ? "none" : String.join(", ", available)) + "); choose one with --platform");
    }

    private static boolean isAttestation(JsonNode descriptor) {
        return descriptor.path("annotations").path("vnd.docker.reference.type").asText("")
                .equals("attestation-manifest")
                || descriptor.path("platform").path("os").asText("").equals("unknown");
    }
}
