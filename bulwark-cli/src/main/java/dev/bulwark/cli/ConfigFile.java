package dev.bulwark.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.bulwark.core.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code bulwark.yaml}: option values keyed by their long names without dashes ({@code severity},
 * {@code exit-code}), at the top level for every command or under a command's name ({@code image:}, {@code db:}) for
 * that command only. Lists are joined with commas, as the command line takes them.
 *
 * <pre>
 * severity: [HIGH, CRITICAL]
 * exit-code: 1
 * image:
 *   platform: linux/arm64
 * </pre>
 */
final class ConfigFile {

    /** The file looked for in the working directory when {@code --config} is not given. */
    static final String DEFAULT_NAME = "bulwark.yaml";
    private static final long MAX_SIZE = 1 << 20;

    private final Path path;
    private final Map<String, String> global;
    private final Map<String, Map<String, String>> perCommand;

    private ConfigFile(Path path, Map<String, String> global, Map<String, Map<String, String>> perCommand) {
        this.path = path;
        this.global = global;
        this.perCommand = perCommand;
    }

    static ConfigFile none() {
        return new ConfigFile(null, Map.of(), Map.of());
    }

    /**
     * Finds the config file: {@code --config FILE} (or {@code --config=FILE}) in {@code args}, else
     * {@code BULWARK_CONFIG}, else {@code bulwark.yaml} in the working directory if it exists.
     */
    static ConfigFile locate(String[] args, CliEnvironment environment) {
        String explicit = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--config") && i + 1 < args.length) {
                explicit = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                explicit = args[i].substring("--config=".length());
            }
        }
        if (explicit == null) {
            explicit = environment.getenv("BULWARK_CONFIG");
        }
        if (explicit != null) {
            Path file = environment.workingDir().resolve(explicit);
            if (!Files.isRegularFile(file)) {
                throw new UsageException(explicit, "config file not found");
            }
            return load(file);
        }
        Path implicit = environment.workingDir().resolve(DEFAULT_NAME);
        return Files.isRegularFile(implicit) ? load(implicit) : none();
    }

    static ConfigFile load(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new UsageException(source, "config file is larger than 1 MiB");
            }
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build());
            JsonNode root;
            try (InputStream in = Files.newInputStream(file)) {
                root = yaml.readTree(in);
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                return new ConfigFile(file, Map.of(), Map.of());
            }
            if (!root.isObject()) {
                throw new UsageException(source, "expected a mapping of option names to values at the top level");
            }
            Map<String, String> global = new LinkedHashMap<>();
            Map<String, Map<String, String>> perCommand = new LinkedHashMap<>();
            for (var field : root.properties()) {
                JsonNode value = field.getValue();
                if (value.isObject()) {
                    Map<String, String> section = new LinkedHashMap<>();
                    for (var inner : value.properties()) {
                        section.put(inner.getKey(), scalar(source, field.getKey() + "." + inner.getKey(),
                                inner.getValue()));
                    }
                    perCommand.put(field.getKey(), section);
                } else {
                    global.put(field.getKey(), scalar(source, field.getKey(), value));
                }
            }
            return new ConfigFile(file, global, perCommand);
        } catch (JacksonException e) {
            throw new UsageException(source, "invalid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new UsageException(source, "cannot read config file: " + e.getMessage(), e);
        }
    }

    private static String scalar(String source, String key, JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new UsageException(source, "option '" + key + "': list items must be plain values");
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw new UsageException(source, "option '" + key + "': expected a value or a list of values");
    }

    /**
     * The value for option {@code key}: the sections of {@code commands} in order (most specific command first, e.g.
     * {@code import}, {@code db}), then the top level.
     */
    Optional<String> value(List<String> commands, String key) {
        for (String command : commands) {
            Map<String, String> section = perCommand.get(command);
            if (section != null && section.containsKey(key)) {
                return Optional.of(section.get(key));
            }
        }
        return Optional.ofNullable(global.get(key));
    }

    /**
     * Rejects keys that name no option, so that a typo cannot silently widen a security gate.
     *
     * @param knownOptions long option names (without dashes) of every command
     * @param knownCommands command names that may head a section
     */
    void validate(Set<String> knownOptions, Set<String> knownCommands) {
        for (String key : global.keySet()) {
            if (!knownOptions.contains(key)) {
                throw new UsageException(path.toString(), "unknown option '" + key + "'");
            }
        }
        for (var section : perCommand.entrySet()) {
            if (!knownCommands.contains(section.getKey())) {
                throw new UsageException(path.toString(), "unknown command section '" + section.getKey() + "'");
            }
            for (String key : section.getValue().keySet()) {
                if (!knownOptions.contains(key)) {
                    throw new UsageException(path.toString(),
                            "unknown option '" + key + "' in section '" + section.getKey() + "'");
                }
            }
        }
    }

    /** The file this was read from, or {@code null}. */
    Path path() {
        return path;
    }
}
