package dev.bulwark.config.internal.cel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads policy files: YAML with one policy per document, or documents holding a {@code policies:} list.
 * <pre>
 * policies:
 *   - id: ACME-001
 *     title: Deployments must set team labels
 *     severity: MEDIUM
 *     match: {kinds: [Deployment]}          # or [workloads]; fileTypes: [kubernetes] by default
 *     expression: has(object.metadata.labels) &amp;&amp; 'team' in object.metadata.labels
 *     message: the Deployment has no team label
 * </pre>
 * Unknown keys are errors, so a typo cannot silently disable a check.
 */
public final class PolicyLoader {

    /** Duplicate keys are errors: a second {@code expression:} must not silently replace the first. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Set<String> POLICY_KEYS = Set.of("id", "title", "severity", "description", "rationale",
            "resolution", "remediation", "references", "aliases", "tags", "match", "variables", "validations",
            "expression", "message", "messageExpression");
    private static final Set<String> MATCH_KEYS = Set.of("kinds", "fileTypes");
    private static final Set<String> VARIABLE_KEYS = Set.of("name", "expression");
    private static final Set<String> VALIDATION_KEYS = Set.of("expression", "message", "messageExpression");

    private PolicyLoader() {
    }

    /** The policies in {@code text}, read from {@code source} (named in errors). */
    public static List<PolicyDefinition> load(String text, String source) throws PolicyException {
        List<PolicyDefinition> policies = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (document.has("policies")) {
                    JsonNode list = document.get("policies");
                    if (!list.isArray()) {
                        throw new PolicyException(source + ": 'policies' must be a list");
                    }
                    for (JsonNode policy : list) {
                        policies.add(policy(policy, source, policies.size() + 1));
                    }
                } else {
                    policies.add(policy(document, source, policies.size() + 1));
                }
            }
        } catch (JsonProcessingException e) {
            throw new PolicyException(source + ": " + yamlProblem(e));
        } catch (IOException e) {
            throw new PolicyException(source + ": " + e.getMessage());
        }
        Set<String> ids = new HashSet<>();
        for (PolicyDefinition policy : policies) {
            if (!ids.add(policy.descriptor().id())) {
                throw new PolicyException(source + ": policy id '" + policy.descriptor().id() + "' is used twice");
            }
        }
        return policies;
    }

    /** "line N: invalid YAML: the problem", on one line, from SnakeYAML's multi-line message when there is one. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String problem = marked.getProblem() != null ? marked.getProblem() : marked.getMessage();
            return (mark == null ? "" : "line " + (mark.getLine() + 1) + ": ") + "invalid YAML: "
                    + problem.lines().findFirst().orElse(problem).strip();
        }
        String problem = e.getOriginalMessage();
        return (e.getLocation() == null || e.getLocation().getLineNr() <= 0 ? ""
                : "line " + e.getLocation().getLineNr() + ": ") + "invalid YAML: "
                + problem.lines().findFirst().orElse(problem).strip();
    }

    private static PolicyDefinition policy(JsonNode node, String source, int index) throws PolicyException {
        String where = source + ": policy " + index;
        if (!node.isObject()) {
            throw new PolicyException(where + " must be a mapping");
        }
        String id = required(node, "id", where);
        where = source + ": policy " + id;
        unknownKeys(node, POLICY_KEYS, where);
        String title = required(node, "title", where);
        Severity severity;
        try {
            severity = Severity.parse(required(node, "severity", where));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + ": " + e.getMessage());
        }
        Set<String> kinds = new LinkedHashSet<>();
        Set<FileType> fileTypes = new LinkedHashSet<>();
        JsonNode match = node.path("match");
        if (!match.isMissingNode()) {
            if (!match.isObject()) {
                throw new PolicyException(where + ": 'match' must be a mapping");
            }
            unknownKeys(match, MATCH_KEYS, where + ": match");
            kinds.addAll(strings(match.path("kinds"), where + ": match.kinds"));
            for (String type : strings(match.path("fileTypes"), where + ": match.fileTypes")) {
                fileTypes.add(fileType(type, where));
            }
        }
        if (fileTypes.isEmpty()) {
            fileTypes.add(FileType.KUBERNETES);
        }
        List<PolicyDefinition.Variable> variables = new ArrayList<>();
        for (JsonNode variable : list(node.path("variables"), where + ": variables")) {
            unknownKeys(variable, VARIABLE_KEYS, where + ": variable");
            variables.add(new PolicyDefinition.Variable(required(variable, "name", where + ": variable"),
                    required(variable, "expression", where + ": variable")));
        }
        List<PolicyDefinition.Validation> validations = new ArrayList<>();
        if (node.has("expression")) {
            validations.add(validation(node, where));
        }
        for (JsonNode validation : list(node.path("validations"), where + ": validations")) {
            unknownKeys(validation, VALIDATION_KEYS, where + ": validation");
            validations.add(validation(validation, where));
        }
        if (validations.isEmpty()) {
            throw new PolicyException(where + ": needs 'expression' or 'validations'");
        }
        String rationale = node.path("description").asText(node.path("rationale").asText(""));
        String resolution = node.path("resolution").asText(node.path("remediation").asText(""));
        Set<String> tags = new LinkedHashSet<>(strings(node.path("tags"), where + ": tags"));
        tags.add("policy");
        CheckDescriptor descriptor = new CheckDescriptor(id, strings(node.path("aliases"), where + ": aliases"),
                title, severity, fileTypes.iterator().next(), rationale, resolution,
                strings(node.path("references"), where + ": references"), tags);
        return new PolicyDefinition(descriptor, kinds, fileTypes, variables, validations, source);
    }

    private static PolicyDefinition.Validation validation(JsonNode node, String where) throws PolicyException {
        String expression = required(node, "expression", where);
        String message = node.path("message").asText("");
        String messageExpression = node.has("messageExpression") ? node.get("messageExpression").asText() : null;
        return new PolicyDefinition.Validation(expression, message, messageExpression);
    }

    private static FileType fileType(String text, String where) throws PolicyException {
        for (FileType type : FileType.values()) {
            if (type.label().equals(text)) {
                return type;
            }
        }
        throw new PolicyException(where + ": unknown file type '" + text
                + "' (expected kubernetes, dockerfile or image-config)");
    }

    private static String required(JsonNode node, String key, String where) throws PolicyException {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new PolicyException(where + ": '" + key + "' is required");
        }
        return value.asText();
    }

    /** The elements of a list of mappings; a missing list is empty. */
    private static List<JsonNode> list(JsonNode node, String where) throws PolicyException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new PolicyException(where + " must be a list");
        }
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw new PolicyException(where + " must hold mappings");
            }
            elements.add(element);
        }
        return elements;
    }

    private static List<String> strings(JsonNode node, String where) throws PolicyException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new PolicyException(where + " must be a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            values.add(element.asText());
        }
        return values;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where) throws PolicyException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new PolicyException(where + ": unknown key '" + name + "'");
            }
        }
    }
}
