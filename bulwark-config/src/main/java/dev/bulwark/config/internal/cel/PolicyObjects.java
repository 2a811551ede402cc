package dev.bulwark.config.internal.cel;

import dev.bulwark.config.internal.dockerfile.Dockerfile;
import dev.bulwark.config.internal.dockerfile.Flag;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.config.internal.dockerfile.Stage;
import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a custom policy sees as {@code object} for inputs that are not Kubernetes objects. Dockerfiles:
 * <pre>
 * {stages: [{index, name, image, instructions: [...]}],
 *  instructions: [{instruction: "RUN", value: "apk add curl", words: [...], flags: {mount: "..."},
 *                  json: false, line: 3, stage: "build"}]}
 * </pre>
 * Image configs: {@code {user, env: {NAME: value}, entrypoint, cmd, workingDir, exposedPorts, labels, healthcheck,
 * history: [{createdBy, comment, emptyLayer}]}}.
 */
public final class PolicyObjects {

    private PolicyObjects() {
    }

    public static Map<String, Object> of(Dockerfile dockerfile) {
        List<Object> all = new ArrayList<>();
        List<Object> stages = new ArrayList<>();
        Map<Instruction, String> stageNames = new java.util.IdentityHashMap<>();
        for (Stage stage : dockerfile.stages()) {
            stageNames.put(stage.from(), stage.alias());
            stage.instructions().forEach(i -> stageNames.put(i, stage.alias()));
        }
        for (Instruction instruction : dockerfile.instructions()) {
            all.add(instruction(instruction, stageNames.getOrDefault(instruction, "")));
        }
        for (Stage stage : dockerfile.stages()) {
            List<Object> instructions = new ArrayList<>();
            stage.instructions().forEach(i -> instructions.add(instruction(i, stage.alias())));
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("index", (long) stage.index());
            map.put("name", stage.alias());
            map.put("image", stage.image());
            map.put("line", (long) stage.from().startLine());
            map.put("instructions", instructions);
            stages.add(map);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("stages", stages);
        object.put("instructions", all);
        return object;
    }

    private static Map<String, Object> instruction(Instruction instruction, String stage) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Flag flag : instruction.flags()) {
            flags.put(flag.name(), flag.value() == null ? "" : flag.value());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("instruction", instruction.keyword());
        map.put("value", instruction.rest());
        map.put("words", List.copyOf(instruction.words()));
        map.put("flags", flags);
        map.put("json", instruction.isJson());
        map.put("line", (long) instruction.startLine());
        map.put("stage", stage);
        if (instruction.inner() != null) {
            map.put("trigger", instruction(instruction.inner(), stage));
        }
        return map;
    }

    public static Map<String, Object> of(ImageConfig config) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (String entry : config.env()) {
            int equals = entry.indexOf('=');
            env.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        List<Object> history = new ArrayList<>();
        for (HistoryEntry entry : config.history()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("createdBy", entry.createdBy() == null ? "" : entry.createdBy());
            map.put("comment", entry.comment() == null ? "" : entry.comment());
            map.put("emptyLayer", entry.emptyLayer());
            history.add(map);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("user", config.user());
        object.put("env", env);
        object.put("entrypoint", List.copyOf(config.entrypoint()));
        object.put("cmd", List.copyOf(config.cmd()));
        object.put("workingDir", config.workingDir());
        object.put("exposedPorts", List.copyOf(config.exposedPorts()));
        object.put("labels", new LinkedHashMap<>(config.labels()));
        object.put("healthcheck", List.copyOf(config.healthcheck()));
        object.put("stopSignal", config.stopSignal());
        object.put("history", history);
        return object;
    }
}
