package dev.bulwark.config.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a manifest so that every workload has one container per copy (copies of init and ephemeral containers hold only
 * that container). Peers that count verdicts per container can then be compared with Bulwark's per-resource
 * verdicts. Documents that cannot be read are kept unchanged.
 */
final class ContainerSplitter {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<String>> TEMPLATE = Map.of(
            "Pod", List.of("spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
            "PodTemplate", List.of("template", "spec"));

    private ContainerSplitter() {
    }

    static String split(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (iterator.hasNextValue()) {
                documents.add(iterator.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode document : documents) {
            for (JsonNode copy : copies(document)) {
                try {
                    out.append(YAML.writeValueAsString(copy));
                } catch (IOException e) {
                    return text;
                }
            }
        }
        return out.toString();
    }

    private static List<JsonNode> copies(JsonNode document) {
        if (document == null || !document.isObject() || !document.has("kind")) {
            return document == null ? List.of() : List.of(document);
        }
        List<String> path = TEMPLATE.getOrDefault(document.get("kind").asText(),
                List.of("spec", "template", "spec"));
        JsonNode spec = document;
        for (String key : path) {
            spec = spec.path(key);
        }
        if (!spec.isObject()) {
            return List.of(document);
        }
        List<JsonNode> copies = new ArrayList<>();
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            JsonNode containers = spec.path(list);
            if (!containers.isArray()) {
                continue;
            }
            for (int i = 0; i < containers.size(); i++) {
                ObjectNode copy = document.deepCopy();
                ObjectNode copySpec = (ObjectNode) at(copy, path);
                copySpec.remove("initContainers");
                copySpec.remove("ephemeralContainers");
                ArrayNode only = copySpec.putArray(list);
                only.add(containers.get(i).deepCopy());
                if (!list.equals("containers")) {
                    copySpec.putArray("containers");
                }
                copies.add(copy);
            }
        }
        return copies.isEmpty() ? List.of(document) : copies;
    }

    private static JsonNode at(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.get(key);
        }
        return node;
    }
}
