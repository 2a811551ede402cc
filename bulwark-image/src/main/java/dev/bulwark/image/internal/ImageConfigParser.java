package dev.bulwark.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Digest;
import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.Platform;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OCI / Docker image config JSON: the runtime config, the platform, the layer diffIDs and the history,
 * pairing each non-empty history step with its layer.
 */
public final class ImageConfigParser {

    /** What the config says. */
    public record ParsedConfig(ImageConfig config, Platform platform, Instant created, List<Digest> diffIds,
                               List<String> createdBy) {

        /** The LayerRefs, given each layer's stored digest (or null). */
        public List<LayerRef> layers(List<Digest> blobDigests) {
            List<LayerRef> layers = new ArrayList<>(diffIds.size());
            for (int i = 0; i < diffIds.size(); i++) {
                layers.add(new LayerRef(i, diffIds.get(i), blobDigests == null ? null : blobDigests.get(i),
                        createdBy.get(i)));
            }
            return layers;
        }
    }

    private ImageConfigParser() {
    }

    public static ParsedConfig parse(JsonNode root, String name, String source) {
        if (!root.isObject()) {
            throw new InputException(source, name + ": image config is not a JSON object");
        }
        JsonNode rootfs = root.path("rootfs");
        JsonNode ids = rootfs.path("diff_ids");
        if (!ids.isArray()) {
            throw new InputException(source, name + ": image config has no rootfs.diff_ids");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                diffIds.add(Digest.parse(id.asText()));
            } catch (IllegalArgumentException e) {
                throw new InputException(source, name + ": invalid diff_id: " + e.getMessage());
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode step : root.path("history")) {
            history.add(new HistoryEntry(instant(step.path("created")), textOrNull(step.path("created_by")),
                    textOrNull(step.path("comment")), step.path("empty_layer").asBoolean(false)));
        }
        List<String> createdBy = new ArrayList<>();
        for (HistoryEntry step : history) {
            if (!step.emptyLayer()) {
                createdBy.add(step.createdBy());
            }
        }
        // History that does not line up with the layers (squashed or hand-made images) names no layer at all.
        if (createdBy.size() != diffIds.size()) {
            createdBy = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                createdBy.add(null);
            }
        }
        JsonNode c = root.path("config");
        if (c.isMissingNode() || c.isNull()) {
            c = root.path("container_config");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> ports = new ArrayList<>();
        c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        ImageConfig config = new ImageConfig(
                c.path("User").asText(""),
                strings(c.path("Env")),
                strings(c.path("Entrypoint")),
                strings(c.path("Cmd")),
                c.path("WorkingDir").asText(""),
                ports,
                labels,
                strings(c.path("Healthcheck").path("Test")),
                c.path("StopSignal").asText(""),
                history);
        Platform platform = null;
        String os = root.path("os").asText("");
        String arch = root.path("architecture").asText("");
        if (!os.isEmpty() && !arch.isEmpty()) {
            platform = new Platform(os, arch, root.path("variant").asText(null));
        }
        return new ParsedConfig(config, platform, instant(root.path("created")), diffIds, createdBy);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                values.add(item.asText());
            }
        } else if (array.isTextual()) {
            values.add(array.asText());
        }
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
