package dev.bulwark.config.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs every peer expectation in {@code ../shared/corpus/misconfig} that Bulwark has an equivalent check for (mapped
 * through check aliases) and compares verdicts. Each disagreement must be listed, with its reason, in
 * {@code peer-disagreements.tsv} (and therefore in docs/accuracy.md); the test fails on an unlisted disagreement, on a
 * listed one that no longer occurs, and when a peer's agreement drops below 95%. The table is written to
 * {@code target/peer-agreement.md}.
 */
class PeerAgreementTest {

    private static final double REQUIRED_AGREEMENT = 0.95;

    /**
     * Peers whose expectations Bulwark can only approximate, with the agreement they must keep: checkov judges
     * schema-invalid fixtures that Bulwark reports as input errors instead. Their disagreements are each documented.
     */
    private static final Map<String, Double> FLOORS = Map.of("checkov", 0.94);

    @Test
    void agreesWithThePeersOwnTestExpectations() throws IOException {
        Path corpus = Corpus.require("misconfig/README.md").getParent().getParent();
        Bulwark bulwark = new Bulwark();
        Map<String, List<String>> unmapped = new LinkedHashMap<>();
        List<PeerCase> cases = new ArrayList<>();
        cases.addAll(DockerfilePeers.hadolint(corpus, bulwark, unmapped.computeIfAbsent("hadolint",
                k -> new ArrayList<>())));
        cases.addAll(DockerfilePeers.trivy(corpus, bulwark, unmapped.computeIfAbsent("trivy-checks",
                k -> new ArrayList<>())));
        cases.addAll(DockerfilePeers.checkov(corpus, bulwark, unmapped.computeIfAbsent("checkov",
                k -> new ArrayList<>())));
        cases.addAll(KubernetesPeers.checkov(corpus, bulwark, unmapped.computeIfAbsent("checkov",
                k -> new ArrayList<>())));
        cases.addAll(KubernetesPeers.trivy(corpus, bulwark, unmapped.computeIfAbsent("trivy-checks",
                k -> new ArrayList<>())));
        cases.addAll(KubernetesPeers.polaris(corpus, bulwark, unmapped.computeIfAbsent("polaris",
                k -> new ArrayList<>())));
        cases.addAll(KubernetesPeers.kubeScore(corpus, bulwark, unmapped.computeIfAbsent("kube-score",
                k -> new ArrayList<>())));
        cases.addAll(KubesecPeer.cases(corpus, bulwark, unmapped.computeIfAbsent("kubesec",
                k -> new ArrayList<>())));

        Map<String, String> documented = documentedDisagreements();
        Map<String, String> undocumented = new TreeMap<>();
        Map<String, String> disagreements = new TreeMap<>();
        for (PeerCase c : cases) {
            String key = c.peer() + "\t" + c.caseId();
            if (!c.agrees()) {
                disagreements.put(key, c.expectFailure() ? "peer fails, Bulwark passes" : "peer passes, Bulwark fails");
                if (!documented.containsKey(key)) {
                    undocumented.put(key, disagreements.get(key));
                }
            }
        }
        TreeSet<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(disagreements.keySet());
        writeReport(cases, unmapped, documented);

        assertThat(undocumented).as("disagreements missing from peer-disagreements.tsv").isEmpty();
        assertThat(stale).as("documented disagreements that no longer occur").isEmpty();
        Map<String, int[]> perPeer = perPeer(cases);
        perPeer.forEach((peer, counts) -> assertThat((double) counts[1] / counts[0])
                .as("agreement with " + peer).isGreaterThanOrEqualTo(FLOORS.getOrDefault(peer, REQUIRED_AGREEMENT)));
    }

    private static Map<String, int[]> perPeer(List<PeerCase> cases) {
        Map<String, int[]> perPeer = new LinkedHashMap<>();
        for (PeerCase c : cases) {
            int[] counts = perPeer.computeIfAbsent(c.peer(), k -> new int[2]);
            counts[0]++;
            if (c.agrees()) {
                counts[1]++;
            }
        }
        return perPeer;
    }

    private static Map<String, String> documentedDisagreements() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        try (InputStream in = PeerAgreementTest.class.getResourceAsStream("peer-disagreements.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                documented.put(fields[0] + "\t" + fields[1], fields.length > 2 ? fields[2] : "");
            }
        }
        return documented;
    }

    private static void writeReport(List<PeerCase> cases, Map<String, List<String>> unmapped,
                                    Map<String, String> reasons) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| peer | cases run | agree | agreement | peer checks mapped | peer checks not mapped |\n");
        md.append("|---|---|---|---|---|---|\n");
        Map<String, int[]> perPeer = perPeer(cases);
        perPeer.forEach((peer, counts) -> {
            long mapped = cases.stream().filter(c -> c.peer().equals(peer)).map(PeerCase::peerCheck).distinct()
                    .count();
            long notMapped = unmapped.getOrDefault(peer, List.of()).stream().distinct().count();
            md.append("| ").append(peer).append(" | ").append(counts[0]).append(" | ").append(counts[1])
                    .append(" | ").append(String.format("%.1f%%", 100.0 * counts[1] / counts[0])).append(" | ")
                    .append(mapped).append(" | ").append(notMapped).append(" |\n");
        });
        md.append("\nDisagreements:\n\n| peer | case | check | expected | Bulwark | reason |\n|---|---|---|---|---|---|\n");
        for (PeerCase c : cases) {
            if (!c.agrees()) {
                md.append("| ").append(c.peer()).append(" | ").append(c.caseId().replace("|", "\\|")).append(" | ")
                        .append(c.peerCheck()).append(" | ").append(c.expectFailure() ? "fail" : "pass")
                        .append(" | ").append(c.bulwarkFailure() ? "fail" : "pass").append(" | ")
                        .append(reasons.getOrDefault(c.peer() + "\t" + c.caseId(), "UNDOCUMENTED")).append(" |\n");
            }
        }
        md.append("\nPeer checks without a Bulwark equivalent:\n\n");
        unmapped.forEach((peer, ids) -> md.append("* ").append(peer).append(": ")
                .append(String.join(", ", new TreeSet<>(ids))).append('\n'));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("peer-agreement.md"), md);
    }
}
