package dev.bulwark.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads the image config JSON of a corpus docker-archive directly (the image module is not a dependency). */
final class CorpusImageConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusImageConfigs() {
    }

    static ImageConfig read(Path dockerArchiveTarGz) throws IOException {
        Map<String, byte[]> jsonFiles = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dockerArchiveTarGz));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().endsWith(".json") && !entry.getName().contains("/")) {
                    jsonFiles.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = JSON.readTree(jsonFiles.get("manifest.json"));
        JsonNode config = JSON.readTree(jsonFiles.get(manifest.get(0).get("Config").asText()));
        return toImageConfig(config);
    }

    static ImageConfig toImageConfig(JsonNode root) {
        JsonNode config = root.path("config");
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode entry : root.path("history")) {
            history.add(new HistoryEntry(entry.has("created") ? Instant.parse(entry.get("created").asText()) : null,
                    entry.path("created_by").asText(""), entry.has("comment") ? entry.get("comment").asText() : null,
                    entry.path("empty_layer").asBoolean(false)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return new ImageConfig(config.path("User").asText(""), strings(config.path("Env")),
                strings(config.path("Entrypoint")), strings(config.path("Cmd")), config.path("WorkingDir").asText(""),
                ports, labels, strings(config.path("Healthcheck").path("Test")), config.path("StopSignal").asText(""),
                history);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
