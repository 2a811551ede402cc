package dev.bulwark.config.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.config.ConfigReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubesec's bats tests assert the sign of a manifest's score: below zero when a critical (negative-points) rule
 * matches, zero when no rule matches, above zero when only hardening (positive-points) rules match. Each kubesec rule
 * that a Bulwark check names as alias takes part: a negative rule "matches" when the check fails, a positive rule when
 * it passes on some container (see {@link #predict}); Bulwark's predicted sign is compared with the asserted one. Assertions about invalid input or output
 * text are not run.
 */
final class KubesecPeer {

    private KubesecPeer() {
    }

    static List<PeerCase> cases(Path corpus, Bulwark bulwark, List<String> unmapped) {
        Path dir = corpus.resolve("misconfig/kubesec");
        Map<String, Integer> points = new LinkedHashMap<>();
        for (JsonNode rule : DockerfilePeers.json(DockerfilePeers.readString(dir.resolve("rules-extracted.json")))) {
            points.put(rule.get("id").asText(), rule.get("points").asInt());
        }
        Set<String> negative = new HashSet<>();
        Set<String> positive = new HashSet<>();
        points.forEach((rule, value) -> {
            Set<String> checks = bulwark.equivalents(rule);
            if (checks.isEmpty()) {
                unmapped.add(rule);
            } else if (value < 0) {
                negative.addAll(checks);
            } else {
                positive.addAll(checks);
            }
        });
        List<PeerCase> cases = new ArrayList<>();
        List<String> lines = DockerfilePeers.read(dir.resolve("expectations.tsv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            String expected = sign(fields[2]);
            if (expected == null || fields[0].isBlank()) {
                continue;
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (String file : fields[0].split("\\s+")) {
                files.put(file, DockerfilePeers.readString(dir.resolve("asset").resolve(file)));
            }
            Map<String, String> split = new LinkedHashMap<>();
            files.forEach((name, text) -> split.put(name.endsWith(".json") ? name + ".yaml" : name,
                    ContainerSplitter.split(text)));
            String predicted = predict(bulwark.scan(files), bulwark.scan(split), negative, positive);
            cases.add(new PeerCase("kubesec", "expectations.tsv:" + (i + 1) + " " + fields[0] + " (" + fields[1]
                    + ", Bulwark " + predicted + ")", "score " + expected, true, expected.equals(predicted)));
        }
        return cases;
    }

    /** {@code <0}, {@code 0} or {@code >0} for the bats assertions about points; {@code null} for others. */
    private static String sign(String assertions) {
        boolean lt = assertions.contains("assert_lt_zero_points");
        boolean zero = assertions.contains("assert_zero_points");
        boolean gt = assertions.contains("assert_gt_zero_points");
        if ((lt ? 1 : 0) + (zero ? 1 : 0) + (gt ? 1 : 0) != 1 || assertions.contains("assert_output")
                || assertions.contains("invalid")) {
            return null;
        }
        return lt ? "<0" : zero ? "0" : ">0";
    }

    /**
     * The predicted sign. kubesec's rules match when any container matches ({@code containers[]} selectors), while a
     * Bulwark check passes only when every container passes; a positive rule therefore matches when its check passes
     * on at least one single-container copy of the workload ({@code perContainer}).
     */
    private static String predict(ConfigReport report, ConfigReport perContainer, Set<String> negative,
                                  Set<String> positive) {
        boolean critical = report.outcomes().stream()
                .anyMatch(outcome -> negative.contains(outcome.checkId()) && !outcome.passed());
        boolean hardening = perContainer.outcomes().stream()
                .anyMatch(outcome -> positive.contains(outcome.checkId()) && outcome.passed());
        return critical ? "<0" : hardening ? ">0" : "0";
    }
}
