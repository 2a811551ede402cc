package dev.bulwark.config.internal.kubernetes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Kubernetes manifests (multi-document YAML or JSON) into plain Java values while recording the lines of every
 * map and list. Hostile input is bounded: at most {@value #MAX_ALIASES} aliases to collections, nesting depth
 * {@value #MAX_DEPTH}, and a node budget proportional to the file size that stops alias expansion bombs; duplicate
 * keys, tabs used as indentation and other syntax errors are reported with their line, keeping the documents read
 * before the error.
 */
public final class ManifestReader {

    static final int MAX_ALIASES = 100;
    static final int MAX_DEPTH = 100;
    private static final int MIN_NODE_BUDGET = 100_000;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    private ManifestReader() {
    }

    /** Reads {@code text}; JSON when {@code json} is true, otherwise (multi-document) YAML. */
    public static ManifestFile read(String text, boolean json) {
        return json ? readJson(text) : readYaml(text);
    }

    private static ManifestFile readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(Math.max(text.length() + 1, 1024));
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        Yaml yaml = new Yaml(options);
        ScalarValues scalars = new ScalarValues(options);
        SourceMap sourceMap = new SourceMap();
        List<ManifestDocument> documents = new ArrayList<>();
        Budget budget = new Budget(Math.max(MIN_NODE_BUDGET, text.length() * 4L));
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node == null) {
                    continue;
                }
                Object value = new YamlConverter(scalars, sourceMap, budget).convert(node, 0);
                documents.add(new ManifestDocument(value, start(node), end(node)));
            }
            return new ManifestFile(documents, sourceMap, null);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            return new ManifestFile(documents, sourceMap, new ManifestSyntaxException(
                    mark == null ? 0 : mark.getLine() + 1, "invalid YAML: " + describe(problem)));
        } catch (ManifestException e) {
            return new ManifestFile(documents, sourceMap, e.syntax());
        } catch (YAMLException e) {
            return new ManifestFile(documents, sourceMap, new ManifestSyntaxException(0, "invalid YAML: "
                    + describe(e.getMessage())));
        }
    }

    private static String describe(String problem) {
        if (problem == null) {
            return "syntax error";
        }
        String first = problem.lines().findFirst().orElse(problem).strip();
        if (first.contains("'\\t'") || first.contains("\\t(TAB)")) {
            return first + " (YAML does not allow tabs for indentation)";
        }
        return first;
    }

    static int start(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static int end(Node node) {
        Mark end = node.getEndMark();
        return end.getColumn() == 0 ? Math.max(end.getLine(), start(node)) : end.getLine() + 1;
    }

    /** Stops alias-expansion bombs: every converted node costs one unit. */
    private static final class Budget {
        private long remaining;

        Budget(long nodes) {
            this.remaining = nodes;
        }

        void spend(Node node) throws ManifestException {
            if (--remaining < 0) {
                throw new ManifestException(start(node), "document expands to too many nodes (alias expansion bomb?)");
            }
        }
    }

    /** An error found while converting nodes. */
    private static final class ManifestException extends Exception {
        private final int line;

        ManifestException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        ManifestSyntaxException syntax() {
            return new ManifestSyntaxException(line, getMessage());
        }
    }

    /** SnakeYAML's own scalar resolution (ints in every base, YAML 1.1 booleans, floats, nulls). */
    private static final class ScalarValues extends SafeConstructor {
        ScalarValues(LoaderOptions options) {
            super(options);
        }

        Object value(ScalarNode node) {
            if (node.getTag().equals(Tag.TIMESTAMP) || node.getTag().equals(Tag.BINARY)) {
                return node.getValue();
            }
            Object value = constructObject(node);
            return switch (value) {
                case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                case Float f -> f.doubleValue();
                case Date date -> node.getValue();
                case byte[] bytes -> node.getValue();
                case null -> null;
                default -> value;
            };
        }
    }

    private static final class YamlConverter {
        private final ScalarValues scalars;
        private final SourceMap sourceMap;
        private final Budget budget;
        private final IdentityHashMap<Node, Boolean> active = new IdentityHashMap<>();

        YamlConverter(ScalarValues scalars, SourceMap sourceMap, Budget budget) {
            this.scalars = scalars;
            this.sourceMap = sourceMap;
            this.budget = budget;
        }

        Object convert(Node node, int depth) throws ManifestException {
            budget.spend(node);
            if (depth > MAX_DEPTH) {
                throw new ManifestException(start(node), "nesting deeper than " + MAX_DEPTH + " levels");
            }
            if (active.put(node, Boolean.TRUE) != null) {
                throw new ManifestException(start(node), "recursive alias");
            }
            try {
                return switch (node) {
                    case ScalarNode scalar -> scalars.value(scalar);
                    case SequenceNode sequence -> {
                        List<Object> list = new ArrayList<>();
                        for (Node item : sequence.getValue()) {
                            list.add(convert(item, depth + 1));
                        }
                        sourceMap.put(list, start(node), end(node));
                        yield list;
                    }
                    case MappingNode mapping -> {
                        Map<String, Object> map = new LinkedHashMap<>();
                        for (NodeTuple tuple : mapping.getValue()) {
                            Node keyNode = tuple.getKeyNode();
                            if (!(keyNode instanceof ScalarNode keyScalar)) {
                                throw new ManifestException(start(keyNode), "mapping keys must be scalars");
                            }
                            String key = keyScalar.getValue();
                            if (map.containsKey(key)) {
                                throw new ManifestException(start(keyNode), "duplicate key '" + key + "'");
                            }
                            map.put(key, convert(tuple.getValueNode(), depth + 1));
                        }
                        sourceMap.put(map, start(node), end(node));
                        yield map;
                    }
                    default -> throw new ManifestException(start(node), "unsupported YAML node");
                };
            } finally {
                active.remove(node);
            }
        }
    }

    private static ManifestFile readJson(String text) {
        SourceMap sourceMap = new SourceMap();
        List<ManifestDocument> documents = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int startLine = parser.currentTokenLocation().getLineNr();
                Object value = readJsonValue(parser, token, sourceMap);
                documents.add(new ManifestDocument(value, startLine, parser.currentLocation().getLineNr()));
            }
            return new ManifestFile(documents, sourceMap, null);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String message = e.getOriginalMessage();
            return new ManifestFile(documents, sourceMap, new ManifestSyntaxException(
                    location == null ? 0 : location.getLineNr(), "invalid JSON: "
                    + (message == null ? "syntax error" : message.lines().findFirst().orElse(message))));
        } catch (IOException e) {
            return new ManifestFile(documents, sourceMap, new ManifestSyntaxException(0, "invalid JSON: "
                    + e.getMessage()));
        }
    }

    private static Object readJsonValue(JsonParser parser, JsonToken token, SourceMap sourceMap) throws IOException {
        int startLine = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    Object value = readJsonValue(parser, parser.nextToken(), sourceMap);
                    if (map.containsKey(key)) {
                        throw new JsonParseException(parser, "duplicate key '" + key + "'",
                                new JsonLocation(ContentReference.unknown(), -1, keyLine, 1));
                    }
                    map.put(key, value);
                }
                sourceMap.put(map, startLine, parser.currentLocation().getLineNr());
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readJsonValue(parser, next, sourceMap));
                }
                sourceMap.put(list, startLine, parser.currentLocation().getLineNr());
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> parser.getLongValue();
                    default -> parser.getDoubleValue();
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        }
    }
}
