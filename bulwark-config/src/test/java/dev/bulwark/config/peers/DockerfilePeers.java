package dev.bulwark.config.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.config.ConfigReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The Dockerfile expectations of hadolint, trivy-checks and checkov. */
final class DockerfilePeers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DockerfilePeers() {
    }

    /**
     * hadolint's {@code cases.jsonl}: {@code catches} means reported at least once; a case with {@code onbuild} wraps
     * every {@code RUN} in {@code ONBUILD} and then expects exactly one report. Cases with a non-default hadolint
     * config (allowed registries, label schemas) have no Bulwark equivalent and are not run.
     */
    static List<PeerCase> hadolint(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        List<String> lines = read(corpus.resolve("misconfig/hadolint/cases.jsonl"));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = json(lines.get(i));
            String rule = node.get("rule").asText();
            if (!node.get("config").asText().equals("default")) {
                continue;
            }
            Set<String> checks = bulwark.equivalents(rule);
            if (checks.isEmpty()) {
                unmapped.add(rule);
                continue;
            }
            boolean onbuild = node.get("onbuild").asBoolean();
            String text = node.get("dockerfile").asText();
            if (onbuild) {
                StringBuilder wrapped = new StringBuilder();
                text.lines().forEach(line -> wrapped.append(line.startsWith("RUN ") ? "ONBUILD " + line : line)
                        .append('\n'));
                text = wrapped.toString();
            }
            boolean expect = node.get("expect").asText().equals("catches");
            long found = Bulwark.count(bulwark.scan("Dockerfile", text), checks);
            boolean failure = onbuild && expect ? found == 1 : found > 0;
            cases.add(new PeerCase("hadolint", "cases.jsonl:" + (i + 1) + " " + rule + " " + node.get("it").asText()
                    + (onbuild ? " [onbuild]" : ""), rule, expect, failure));
        }
        return cases;
    }

    /** trivy-checks' {@code docker/*.yaml}: every {@code good} example passes, every {@code bad} one fails. */
    static List<PeerCase> trivy(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/trivy-checks");
        for (String line : read(dir.resolve("checks.tsv"))) {
            String[] fields = line.split("\t");
            if (!fields[0].equals("docker")) {
                continue;
            }
            String id = fields[2];
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            JsonNode examples = yaml(dir.resolve("docker").resolve(fields[1])).get("dockerfile");
            for (String kind : List.of("good", "bad")) {
                int index = 0;
                for (JsonNode example : examples.path(kind)) {
                    ConfigReport report = bulwark.scan("Dockerfile", example.asText());
                    cases.add(new PeerCase("trivy-checks", "docker/" + fields[1] + " " + kind + "[" + index++ + "]",
                            id, kind.equals("bad"), Bulwark.count(report, checks) > 0));
                }
            }
        }
        return cases;
    }

    /** checkov's {@code dockerfile/example_*}: files under {@code failure*} fail, under {@code success*} pass. */
    static List<PeerCase> checkov(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/checkov");
        for (String line : read(dir.resolve("expectations.tsv"))) {
            String[] fields = line.split("\t", -1);
            if (!fields[0].equals("dockerfile")) {
                continue;
            }
            String id = fields[2];
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            Path example = dir.resolve("dockerfile").resolve(fields[1]);
            for (Path file : files(example)) {
                String relative = example.relativize(file).toString();
                ConfigReport report = bulwark.scan("Dockerfile", readString(file));
                cases.add(new PeerCase("checkov", "dockerfile/" + fields[1] + "/" + relative, id,
                        relative.startsWith("failure"), Bulwark.count(report, checks) > 0));
            }
        }
        return cases;
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
