package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.config.internal.cel.PolicyDefinition;
import dev.bulwark.config.internal.cel.PolicyException;
import dev.bulwark.config.internal.cel.PolicyLoader;
import dev.bulwark.config.internal.kubernetes.BuiltinPolicies;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomPolicyTest {

    @TempDir
    Path dir;

    private Path policyFile() throws IOException {
        Path file = dir.resolve("acme.yaml");
        try (InputStream in = CustomPolicyTest.class.getResourceAsStream("policies/acme.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static void add(ConfigScan scan, String name, String text) {
        scan.add(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void policiesRunOnKubernetesDockerfilesAndImageConfigs() throws IOException {
        ConfigScanner scanner = ConfigScanner.create(ConfigScanOptions.defaults()
                .withPolicyFiles(List.of(policyFile())));
        ConfigScan scan = scanner.newScan();
        add(scan, "deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: docker.io/library/nginx:1.27}]}
                """);
        add(scan, "Dockerfile", "FROM golang:1.23 AS build\nFROM build\nFROM registry.acme.example/base:1\n");
        scan.addImageConfig(new ImageConfig("app", List.of(), List.of(), List.of(), "", List.of(),
                Map.of("org.opencontainers.image.title", "x"), List.of(), "", List.of()), "app:1 (image config)");

        List<Misconfiguration> custom = scan.finish().findings().stream()
                .filter(f -> f.checkId().startsWith("ACME-")).toList();

        assertThat(custom).extracting(Misconfiguration::checkId, Misconfiguration::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ACME-001", "Deployment web has no team label"),
                org.assertj.core.groups.Tuple.tuple("ACME-002", "images from other registries: "
                        + "docker.io/library/nginx:1.27"),
                org.assertj.core.groups.Tuple.tuple("ACME-003",
                        "a stage is built from an image outside registry.acme.example"),
                org.assertj.core.groups.Tuple.tuple("ACME-004",
                        "the image has no org.opencontainers.image.authors label"));
        assertThat(custom).filteredOn(f -> f.checkId().equals("ACME-001")).singleElement()
                .satisfies(f -> assertThat(f.resource()).isEqualTo("Deployment/shop/web"));
        assertThat(scanner.checks()).anySatisfy(c -> assertThat(c.id()).isEqualTo("ACME-004"));
    }

    @Test
    void aBuiltInPolicyCopiedIntoAFileWorksUnchanged() throws IOException {
        String builtin = new String(ConfigScanner.class.getResourceAsStream(
                "/dev/bulwark/config/policies/kubernetes/pod-security-standards.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        String copy = builtin.replace("id: BW-PSS-", "id: COPY-PSS-");
        Path file = dir.resolve("copy.yaml");
        Files.writeString(file, copy);
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults().withPolicyFiles(List.of(file)))
                .newScan();
        add(scan, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, "
                + "containers: [{name: c, image: \"x:1\"}]}\n");

        assertThat(scan.finish().findings()).extracting(Misconfiguration::checkId)
                .contains("BW-PSS-003", "COPY-PSS-003");
    }

    @Test
    void brokenPolicyFilesAreInputErrorsNamingFileAndPolicy() throws IOException {
        Path badCel = dir.resolve("bad-cel.yaml");
        Files.writeString(badCel, "policies:\n  - {id: X-1, title: t, severity: LOW, expression: 'object.spec.'}\n");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "policies:\n  - {id: X-2, title: t, severity: LOW, expresion: 'true'}\n");
        Path clash = dir.resolve("clash.yaml");
        Files.writeString(clash, "policies:\n  - {id: BW-PSS-001, title: t, severity: LOW, expression: 'true'}\n");
        Path notBool = dir.resolve("string.yaml");
        Files.writeString(notBool, "policies:\n  - {id: X-3, title: t, severity: LOW, expression: \"'yes'\"}\n");

        assertThatThrownBy(() -> create(badCel)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad-cel.yaml: policy X-1: invalid CEL");
        assertThatThrownBy(() -> create(typo)).isInstanceOf(InputException.class)
                .hasMessageContaining("typo.yaml: policy X-2: unknown key 'expresion'");
        assertThatThrownBy(() -> create(clash)).isInstanceOf(InputException.class)
                .hasMessageContaining("clash.yaml").hasMessageContaining("'BW-PSS-001' is already used");
        assertThatThrownBy(() -> create(notBool)).isInstanceOf(InputException.class)
                .hasMessageContaining("string.yaml: policy X-3").hasMessageContaining("expected bool");
    }

    @Test
    void malformedPolicyYamlAndMisspelledNestedKeysAreErrorsNamingFileAndPolicy() throws IOException {
        Path tabs = dir.resolve("tabs.yaml");
        Files.writeString(tabs, "policies:\n  - id: X-5\n\ttitle: t\n");
        Path duplicate = dir.resolve("dup.yaml");
        Files.writeString(duplicate, "policies:\n  - id: X-6\n    title: t\n    severity: LOW\n"
                + "    expression: 'false'\n    expression: 'true'\n");
        Path validation = dir.resolve("validation.yaml");
        Files.writeString(validation, "policies:\n  - id: X-7\n    title: t\n    severity: LOW\n"
                + "    validations: [{expression: 'true', mesage: m}]\n");
        Path match = dir.resolve("match.yaml");
        Files.writeString(match, "policies:\n  - {id: X-8, title: t, severity: LOW, match: Pod, expression: 'true'}\n");
        Path missing = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> create(tabs)).isInstanceOf(InputException.class)
                .hasMessageContaining("tabs.yaml: line 3: invalid YAML: found character '\\t(TAB)'");
        assertThatThrownBy(() -> create(duplicate)).isInstanceOf(InputException.class)
                .hasMessageContaining("dup.yaml: line 6: invalid YAML: Duplicate field 'expression'");
        assertThatThrownBy(() -> create(validation)).isInstanceOf(InputException.class)
                .hasMessageContaining("validation.yaml: policy X-7: validation: unknown key 'mesage'");
        assertThatThrownBy(() -> create(match)).isInstanceOf(InputException.class)
                .hasMessageContaining("match.yaml: policy X-8: 'match' must be a mapping");
        assertThatThrownBy(() -> create(missing)).isInstanceOf(InputException.class)
                .hasMessageContaining("absent.yaml").hasMessageContaining("cannot read policy file");
    }

    @Test
    void aDirectoryStandsForItsYamlFiles() throws IOException {
        Path nested = Files.createDirectories(dir.resolve("policies/nested"));
        Files.writeString(nested.resolve("b.yml"), "id: DIR-2\ntitle: t\nseverity: LOW\nexpression: 'true'\n");
        Files.writeString(dir.resolve("policies/a.yaml"), "id: DIR-1\ntitle: t\nseverity: LOW\nexpression: 'true'\n");
        Files.writeString(dir.resolve("policies/README.md"), "not a policy\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThat(create(dir.resolve("policies")).checks()).extracting(CheckDescriptor::id)
                .containsSubsequence("DIR-1", "DIR-2");
        assertThatThrownBy(() -> create(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("empty").hasMessageContaining("no policy files (*.yaml, *.yml)");
    }

    @Test
    void everyBuiltInPolicyCanBeShownAsAPolicyFileOfItsOwn() throws PolicyException {
        ConfigScanner scanner = ConfigScanner.create(ConfigScanOptions.defaults());
        List<PolicyDefinition> builtIn = BuiltinPolicies.definitions();

        for (PolicyDefinition policy : builtIn) {
            String id = policy.descriptor().id();
            String source = scanner.builtinPolicySource(id).orElseThrow();
            List<PolicyDefinition> shown = PolicyLoader.load(source, "shown");
            assertThat(shown).as(id).singleElement().satisfies(p -> {
                assertThat(p.descriptor()).isEqualTo(policy.descriptor());
                assertThat(p.validations()).isEqualTo(policy.validations());
                assertThat(p.variables()).isEqualTo(policy.variables());
                assertThat(p.kinds()).isEqualTo(policy.kinds());
            });
        }
        assertThat(builtIn).hasSizeGreaterThanOrEqualTo(60);
        assertThat(scanner.builtinPolicySource("ckv_k8s_19")).hasValueSatisfying(s -> assertThat(s)
                .contains("  - id: BW-PSS-002\n").contains("podSpec     the pod spec"));
        assertThat(scanner.builtinPolicySource("BW-DS-010")).isEmpty();
        assertThat(scanner.builtinPolicySource("BW-NOPE")).isEmpty();
    }

    @Test
    void pragmasAnnotationsAndSkipChecksApplyToCustomPolicies() throws IOException {
        String dockerfile = "# syntax=docker/dockerfile:1\n# bulwark:ignore=ACME-003\nFROM golang:1.23\nRUN make\n";
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  annotations: {bulwark.dev/ignore: ACME-001}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: docker.io/library/nginx:1.27}]}
                """;
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults().withPolicyFiles(List.of(policyFile())))
                .newScan();
        add(scan, "Dockerfile", dockerfile);
        add(scan, "other.Dockerfile", "FROM golang:1.23\n");
        add(scan, "deploy.yaml", deployment);
        ConfigScan skipping = ConfigScanner.create(ConfigScanOptions.defaults().withPolicyFiles(List.of(policyFile()))
                .withSkipChecks(List.of("ACME-002", "ACME-003"))).newScan();
        add(skipping, "other.Dockerfile", "FROM golang:1.23\n");
        add(skipping, "deploy.yaml", deployment);

        assertThat(scan.finish().findings()).filteredOn(f -> f.checkId().startsWith("ACME-"))
                .extracting(f -> f.location().path() + " " + f.checkId() + " " + f.startLine())
                .containsExactlyInAnyOrder("other.Dockerfile ACME-003 1", "deploy.yaml ACME-002 1");
        assertThat(skipping.finish().findings()).noneMatch(f -> f.checkId().startsWith("ACME-"));
    }

    @Test
    void runawayPolicyIsAnEvaluationErrorNotAHang() throws IOException {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, "policies:\n  - id: X-4\n    title: t\n    severity: LOW\n"
                + "    expression: \"[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, "
                + "[1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, "
                + "[1,2,3,4,5,6,7,8,9,10].all(f, true))))))\"\n");
        ConfigScan scan = create(file).newScan();
        add(scan, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n");

        assertThat(scan.finish().errors()).extracting(FileError::message)
                .anySatisfy(m -> assertThat(m).startsWith("policy X-4 could not be evaluated on Pod/default/p"));
    }

    private static ConfigScanner create(Path policy) {
        return ConfigScanner.create(ConfigScanOptions.defaults().withPolicyFiles(List.of(policy)));
    }
}
