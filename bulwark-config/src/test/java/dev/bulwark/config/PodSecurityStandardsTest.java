package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Pod Security Standards control with passing and failing pods ({@code pss-cases.yaml}). */
class PodSecurityStandardsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ConfigScanner SCANNER = ConfigScanner.create(ConfigScanOptions.defaults());

    static Stream<Arguments> cases() throws IOException {
        JsonNode file = load();
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode c : file.get("cases")) {
            arguments.add(Arguments.of(c.get("name").asText(), c));
        }
        return arguments.stream();
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = PodSecurityStandardsTest.class.getResourceAsStream("pss-cases.yaml")) {
            return YAML.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void podAdmissionVerdict(String name, JsonNode c) throws IOException {
        String manifest = YAML.writeValueAsString(build(load().get("base"), c));

        Set<String> failing = pssFailures(SCANNER, manifest);

        Set<String> expected = new TreeSet<>();
        c.get("fails").forEach(id -> expected.add(id.asText()));
        assertThat(failing).as(manifest).isEqualTo(expected);
    }

    @Test
    void casesCoverEveryControlPassingAndFailing() throws IOException {
        Set<String> controls = SCANNER.checks().stream().filter(d -> d.id().startsWith("BW-PSS-"))
                .map(CheckDescriptor::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> failed = new TreeSet<>();
        for (JsonNode c : load().get("cases")) {
            c.get("fails").forEach(id -> failed.add(id.asText()));
        }
        assertThat(controls).hasSize(20);
        assertThat(failed).isEqualTo(controls);
        assertThat(SCANNER.checks()).filteredOn(d -> d.tags().contains("pss-baseline")).hasSize(14);
        assertThat(SCANNER.checks()).filteredOn(d -> d.tags().contains("pss-restricted")).hasSize(6);
    }

    @Test
    void complianceProfilesRunOnlyTheirControls() throws IOException {
        ObjectNode pod = (ObjectNode) load().get("base").deepCopy();
        ((ObjectNode) pod.get("spec")).put("hostNetwork", true);
        ((ObjectNode) pod.get("spec").get("securityContext")).remove("runAsNonRoot");
        String manifest = YAML.writeValueAsString(pod);

        ConfigScanner baseline = ConfigScanner.create(ConfigScanOptions.defaults()
                .withCompliance(Compliance.PSS_BASELINE));
        ConfigScanner restricted = ConfigScanner.create(ConfigScanOptions.defaults()
                .withCompliance(Compliance.PSS_RESTRICTED));

        assertThat(ids(baseline, manifest)).containsExactly("BW-PSS-002");
        assertThat(ids(restricted, manifest)).containsExactly("BW-PSS-002", "BW-PSS-017");
    }

    private static Set<String> pssFailures(ConfigScanner scanner, String manifest) {
        return ids(scanner, manifest).stream().filter(id -> id.startsWith("BW-PSS-"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(ConfigScanner scanner, String manifest) {
        ConfigScan scan = scanner.newScan();
        scan.add("pod.yaml", new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        ConfigReport report = scan.finish();
        assertThat(report.errors()).isEmpty();
        return report.findings().stream().map(Misconfiguration::checkId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The base pod with the case's patches, wrapped in the case's workload kind. */
    private static JsonNode build(JsonNode base, JsonNode c) {
        ObjectNode pod = (ObjectNode) base.deepCopy();
        JsonNode hardened = pod.get("spec").get("containers").get(0).get("securityContext").deepCopy();
        if (c.has("patch")) {
            merge(pod, c.get("patch"));
        }
        ArrayNode containers = (ArrayNode) pod.get("spec").get("containers");
        if (c.has("container")) {
            merge((ObjectNode) containers.get(0), c.get("container"));
        }
        for (String extra : List.of("initContainer", "ephemeralContainer")) {
            if (c.has(extra)) {
                ObjectNode added = YAML.createObjectNode().put("name", extra.toLowerCase()).put("image", "busybox:1");
                added.set("securityContext", hardened.deepCopy());
                merge(added, c.get(extra));
                ((ObjectNode) pod.get("spec")).withArray(extra + "s").add(added);
            }
        }
        String kind = c.path("kind").asText("Pod");
        if (kind.equals("Pod")) {
            return pod;
        }
        ObjectNode template = YAML.createObjectNode();
        template.set("metadata", pod.get("metadata"));
        template.set("spec", pod.get("spec"));
        ObjectNode workload = YAML.createObjectNode();
        workload.put("apiVersion", kind.equals("CronJob") ? "batch/v1" : "apps/v1").put("kind", kind);
        workload.putObject("metadata").put("name", "workload").put("namespace", "apps");
        if (kind.equals("CronJob")) {
            ObjectNode spec = workload.putObject("spec").put("schedule", "* * * * *");
            spec.putObject("jobTemplate").putObject("spec").set("template", template);
        } else {
            workload.putObject("spec").set("template", template);
        }
        return workload;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }
}
