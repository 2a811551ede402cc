package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesScanTest {

    private static final ConfigScanner SCANNER = ConfigScanner.create(ConfigScanOptions.defaults());

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  hostNetwork: true
                  containers:
                    - name: app
                      image: registry.example/web:1.4
                      securityContext: {privileged: true}
            """;

    @TempDir
    Path dir;

    private static ConfigReport scan(Map<String, String> files) {
        ConfigScan scan = SCANNER.newScan();
        files.forEach((name, text) -> scan.add(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        return scan.finish();
    }

    private static List<String> ids(ConfigReport report, String resource) {
        return report.findings().stream().filter(f -> f.resource().equals(resource))
                .map(Misconfiguration::checkId).toList();
    }

    @Test
    void reportsPodSecurityViolationsWithResourceAndLines() {
        ConfigReport report = scan(Map.of("deploy/web.yaml", "# app\n---\n" + DEPLOYMENT));

        assertThat(ids(report, "Deployment/shop/web")).contains("BW-PSS-002", "BW-PSS-005", "BW-K8S-013");
        Misconfiguration privileged = report.findings().stream().filter(f -> f.checkId().equals("BW-PSS-005"))
                .findFirst().orElseThrow();
        assertThat(privileged.startLine()).isEqualTo(3);
        assertThat(privileged.endLine()).isEqualTo(18);
        assertThat(privileged.message()).isEqualTo("privileged containers: app");
        assertThat(privileged.aliases()).contains("CKV_K8S_16", "KSV-0017");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void readsMultiDocumentYamlListKindsAndJson() {
        String list = """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: a, namespace: ns}
                    spec: {containers: [{name: c, image: "x:1", securityContext: {privileged: true}}]}
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: b, namespace: ns}
                    spec: {hostPID: true, containers: [{name: c, image: "x:1"}]}
                """;
        String json = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"j\"},\n"
                + " \"spec\": {\"hostIPC\": true, \"containers\": [{\"name\": \"c\", \"image\": \"x:1\"}]}}";

        ConfigReport report = scan(Map.of("list.yaml", list, "pod.json", json));

        assertThat(ids(report, "Pod/ns/a")).contains("BW-PSS-005");
        assertThat(ids(report, "Pod/ns/b")).contains("BW-PSS-003");
        assertThat(ids(report, "Pod/default/j")).contains("BW-PSS-004", "BW-K8S-011");
        assertThat(report.findings()).filteredOn(f -> f.resource().equals("Pod/ns/b")).first()
                .satisfies(f -> assertThat(f.startLine()).isEqualTo(8));
    }

    @Test
    void malformedYamlIsAnErrorNamingFileAndLineAndTheScanGoesOn() {
        String tabs = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n";
        String duplicate = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n";
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\napiVersion: v1\nkind: ConfigMap\n";
        String partial = DEPLOYMENT + "---\napiVersion: v1\nkind: Pod\nmetadata: [unclosed\n";

        ConfigReport report = scan(Map.of("tabs.yaml", tabs, "dup.yaml", duplicate, "bomb.yaml", bomb,
                "partial.yaml", partial, "ok.yaml", DEPLOYMENT.replace("name: web", "name: ok")));

        assertThat(report.errors()).extracting(FileError::toString).anySatisfy(e -> assertThat(e)
                .startsWith("tabs.yaml: line 4: invalid YAML").contains("tabs"));
        assertThat(report.errors()).extracting(FileError::toString)
                .contains("dup.yaml: line 4: duplicate key 'metadata'");
        assertThat(report.errors()).extracting(FileError::toString).anySatisfy(e -> assertThat(e)
                .startsWith("bomb.yaml: ").containsAnyOf("too many nodes", "aliases"));
        assertThat(report.errors()).extracting(FileError::toString).anySatisfy(e -> assertThat(e)
                .startsWith("partial.yaml: line ").endsWith("(the 1 resources before it were checked)"));
        assertThat(ids(report, "Deployment/shop/web")).contains("BW-PSS-002");
        assertThat(ids(report, "Deployment/shop/ok")).contains("BW-PSS-002");
    }

    @Test
    void fiftyMegabyteFileIsRejectedWithoutReadingItAll() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newBufferedWriter(big)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
            String line = "  k%07d: " + "x".repeat(90) + "\n";
            for (int i = 0; i < 520_000; i++) {
                out.write(String.format(line, i));
            }
        }
        assertThat(Files.size(big)).isGreaterThan(50L * 1024 * 1024);
        Files.writeString(dir.resolve("small.yaml"), DEPLOYMENT);
        ConfigScan scan = SCANNER.newScan();
        scan.addPath(dir, "k8s");

        ConfigReport report = scan.finish();

        assertThat(report.errors()).extracting(FileError::toString).containsExactly(
                "k8s/big.yaml: file is larger than the limit of 16 MiB for configuration files");
        assertThat(report.files()).extracting(f -> f.location().path()).containsExactly("k8s/small.yaml");
    }

    @Test
    void schemaViolationsAreReportedOnceAndTheResourceIsSkipped() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "    - name: c\n      image: x:1\n      resources: [cpu]\n";

        ConfigReport report = scan(Map.of("pod.yaml", pod));

        assertThat(report.errors()).extracting(FileError::toString).containsExactly("pod.yaml: Pod/default/p (line 1) "
                + "does not match the Kubernetes schema at spec.containers[0].resources: expected an object, found a "
                + "list; the resource was not checked");
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void helmTemplatesGetAHint() {
        ConfigReport report = scan(Map.of("templates/deploy.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"));

        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("Helm template").contains("helm template"));
    }

    @Test
    void annotationsAndCommentsSilenceChecksByIdOrAlias() {
        String annotated = DEPLOYMENT.replace("  namespace: shop\n", "  namespace: shop\n  annotations:\n"
                + "    bulwark.dev/ignore: BW-PSS-002, CKV_K8S_16\n    kube-score/ignore: container-image-tag\n");
        String commented = "# bulwark:ignore=BW-PSS-002\n" + DEPLOYMENT.replace("name: web", "name: other");

        ConfigReport report = scan(Map.of("a.yaml", annotated, "b.yaml", commented));

        assertThat(ids(report, "Deployment/shop/web")).doesNotContain("BW-PSS-002", "BW-PSS-005")
                .contains("BW-K8S-013");
        assertThat(ids(report, "Deployment/shop/other")).doesNotContain("BW-PSS-002").contains("BW-PSS-005");
    }

    @Test
    void skipChecksTakesIdsAndPeerAliasesForPoliciesAndCrossResourceChecks() {
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults()
                .withSkipChecks(List.of("CKV_K8S_19", "BW-PSS-005", "BW-K8S-060"))).newScan();
        scan.add("deploy.yaml", new ByteArrayInputStream(DEPLOYMENT.getBytes(StandardCharsets.UTF_8)));

        List<String> skipped = ids(scan.finish(), "Deployment/shop/web");

        assertThat(ids(scan(Map.of("deploy.yaml", DEPLOYMENT)), "Deployment/shop/web"))
                .contains("BW-PSS-002", "BW-PSS-005", "BW-K8S-060", "BW-K8S-010");
        assertThat(skipped).doesNotContain("BW-PSS-002", "BW-PSS-005", "BW-K8S-060").contains("BW-K8S-010");
    }

    @Test
    void crossResourceChecksSeeEveryFileOfTheScan() {
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
                + "spec: {selector: {app: web}}\n---\napiVersion: v1\nkind: Service\n"
                + "metadata: {name: typo, namespace: shop}\nspec: {selector: {app: wbe}}\n";
        String policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                + "metadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n";
        String account = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\n"
                + "automountServiceAccountToken: false\n";

        ConfigReport report = scan(Map.of("deploy.yaml", DEPLOYMENT, "svc.yaml", service, "np.yaml", policy,
                "sa.yaml", account));

        assertThat(ids(report, "Service/shop/typo")).containsExactly("BW-K8S-062");
        assertThat(ids(report, "Service/shop/web")).doesNotContain("BW-K8S-062");
        assertThat(ids(report, "Deployment/shop/web")).doesNotContain("BW-K8S-060", "BW-K8S-010");
        assertThat(ids(scan(Map.of("deploy.yaml", DEPLOYMENT)), "Deployment/shop/web"))
                .contains("BW-K8S-060", "BW-K8S-010");
    }

    @Test
    void unrelatedYamlIsSkippedInDirectoriesButReportedWhenNamed() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web: {image: nginx}\n");
        Files.writeString(dir.resolve("pod.yaml"), DEPLOYMENT);
        ConfigScan walk = SCANNER.newScan();
        walk.addPath(dir, ".");
        ConfigScan named = SCANNER.newScan();
        named.addPath(dir.resolve("compose.yaml"), "compose.yaml");

        assertThat(walk.finish().errors()).isEmpty();
        assertThat(named.finish().errors()).extracting(FileError::toString)
                .containsExactly("compose.yaml: no Kubernetes objects (apiVersion and kind) in the file");
    }

    @Test
    void hasAtLeastFortyBestPracticeChecksBesidesPodSecurity() {
        List<CheckDescriptor> kubernetes = SCANNER.checks().stream()
                .filter(c -> c.target() == FileType.KUBERNETES).toList();

        assertThat(kubernetes).filteredOn(c -> c.id().startsWith("BW-K8S-")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(kubernetes).allSatisfy(c -> assertThat(c.rationale()).isNotBlank());
        assertThat(kubernetes).extracting(CheckDescriptor::id).doesNotHaveDuplicates();
    }
}
