package dev.bulwark.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the container description that container events of a capture carry as JSON. */
final class ContainerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContainerJson() {
    }

    static ContainerInfo parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode c = root.path("container");
            String id = c.path("id").asText("");
            if (id.isEmpty()) {
                return null;
            }
            String type = switch (c.path("type").asInt(-1)) {
                case 0 -> "docker";
                case 1 -> "lxc";
                case 2 -> "libvirt-lxc";
                case 3 -> "mesos";
                case 4 -> "rkt";
                case 5 -> "custom";
                case 6 -> "cri";
                case 7 -> "containerd";
                case 8 -> "cri-o";
                case 9 -> "bpm";
                case 10 -> "static";
                case 11 -> "podman";
                default -> c.path("type").asText("");
            };
            return new ContainerInfo(id, type, c.path("name").asText(""), c.path("image").asText(""),
                    c.path("privileged").asBoolean(false), c.path("imagetag").asText(""));
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
