package dev.bulwark.config.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.config.CheckOutcome;
import dev.bulwark.config.ConfigReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The Kubernetes expectations of Polaris, kube-score, checkov and trivy-checks. */
final class KubernetesPeers {

    private KubernetesPeers() {
    }

    /**
     * The checkov check classes that (at the fixtures' checkov version) judge each container separately
     * ({@code supported_entities = ['containers', 'initContainers']}); their expected counts are per container, so
     * the harness gives Bulwark one single-container copy of each workload.
     */
    private static final Set<String> PER_CONTAINER = Set.of("AllowPrivilegeEscalation", "AllowedCapabilities",
            "AllowedCapabilitiesSysAdmin", "CPULimits", "CPURequests", "MemoryLimits", "MemoryRequests",
            "ContainerSecurityContext", "DropCapabilities", "HostPort", "ImageDigest", "ImagePullPolicyAlways",
            "ImageTagFixed", "LivenessProbe", "ReadinessProbe", "MinimizeCapabilities", "PrivilegedContainers",
            "ReadOnlyFilesystem", "RootContainersHighUID", "Secrets", "DangerousGitSync");

    /**
     * Polaris {@code test-checks/<check>/{success,failure}*.yaml}: the check fails exactly on failure files.
     * Directories with their own {@code check.yaml} test a custom check of that name, not Polaris' built-in one, and
     * are not run.
     */
    static List<PeerCase> polaris(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/polaris/test-checks");
        for (Path checkDir : list(dir)) {
            String id = checkDir.getFileName().toString();
            if (Files.exists(checkDir.resolve("check.yaml"))) {
                continue;
            }
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            for (Path file : list(checkDir)) {
                String name = file.getFileName().toString();
                if (!name.startsWith("success") && !name.startsWith("failure")) {
                    continue;
                }
                ConfigReport report = bulwark.scan(name, DockerfilePeers.readString(file));
                cases.add(new PeerCase("polaris", "test-checks/" + id + "/" + name, id, name.startsWith("failure"),
                        Bulwark.count(report, checks) > 0));
            }
        }
        return cases;
    }

    /**
     * kube-score {@code expectations.tsv}: GradeCritical and GradeWarning mean the check fails, GradeAllOK and
     * GradeAlmostOK that it passes. Rows with a non-default kube-score configuration are run only when the
     * configuration just enables optional checks (Bulwark runs those always).
     */
    static List<PeerCase> kubeScore(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/kube-score");
        List<String> lines = DockerfilePeers.read(dir.resolve("expectations.tsv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            String config = fields.length > 4 ? fields[4] : "";
            if (!config.isBlank() && !config.contains("EnabledOptionalTests") && !config.contains(
                    "UseOptionalChecksAnnotation: true")) {
                continue;
            }
            String id = fields[1].toLowerCase(Locale.ROOT).replace(' ', '-');
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (String file : fields[0].split("\\+")) {
                files.put(file, DockerfilePeers.readString(dir.resolve("testdata").resolve(file)));
            }
            ConfigReport report = bulwark.scan(files);
            boolean expectFailure = fields[2].equals("GradeCritical") || fields[2].equals("GradeWarning");
            cases.add(new PeerCase("kube-score", "expectations.tsv:" + (i + 1) + " " + fields[0] + " " + fields[1],
                    id, expectFailure, Bulwark.count(report, checks) > 0));
        }
        return cases;
    }

    /**
     * checkov {@code kubernetes/example_*}: where the test names the passing and failing resources
     * ({@code Kind.namespace.name}) each is a case. Otherwise the test's passed/failed counts for the directory are
     * compared; when they differ, checkov's counting (per container, resources sharing an id across files) can be
     * the cause, so the files whose names state a verdict ({@code *-PASSED.yaml}, {@code *-FAILED.yaml}) become one
     * case each (failing when any of their resources fails).
     */
    static List<PeerCase> checkov(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/checkov");
        List<String> lines = DockerfilePeers.read(dir.resolve("expectations.tsv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            if (!fields[0].equals("kubernetes") || fields[5].isBlank() && fields[7].isBlank()) {
                continue;
            }
            String id = fields[2];
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            Path example = dir.resolve("kubernetes").resolve(fields[1]);
            Map<String, String> files = new LinkedHashMap<>();
            for (Path file : DockerfilePeers.files(example)) {
                String text = DockerfilePeers.readString(file);
                String name = example.relativize(file).toString();
                if (PER_CONTAINER.contains(fields[3])) {
                    files.put(name.endsWith(".json") ? name + ".yaml" : name, ContainerSplitter.split(text));
                } else {
                    files.put(name, text);
                }
            }
            ConfigReport report = bulwark.scan(files);
            Map<String, Boolean> verdicts = verdicts(report, checks, true);
            Map<String, Boolean> byResource = verdicts(report, checks, false);
            for (String clusterScoped : List.copyOf(byResource.keySet())) {
                String[] parts = clusterScoped.split("\\.");
                if (parts.length == 2) {
                    for (String expected : resources(fields[7] + "," + fields[8])) {
                        String[] wanted = expected.split("\\.");
                        if (wanted.length == 3 && wanted[0].equals(parts[0]) && wanted[2].equals(parts[1])) {
                            byResource.put(expected, byResource.get(clusterScoped));
                        }
                    }
                }
            }
            List<String> passing = resources(fields[7]);
            List<String> failing = resources(fields[8]);
            String caseId = "kubernetes/" + fields[1] + " " + id;
            if (!passing.isEmpty() || !failing.isEmpty()) {
                for (String resource : passing) {
                    cases.add(new PeerCase("checkov", caseId + " " + resource, id, false,
                            Boolean.FALSE.equals(byResource.get(resource))));
                }
                for (String resource : failing) {
                    cases.add(new PeerCase("checkov", caseId + " " + resource, id, true,
                            Boolean.FALSE.equals(byResource.get(resource))));
                }
            } else {
                long passed = verdicts.values().stream().filter(v -> v).count();
                long failed = verdicts.values().stream().filter(v -> !v).count();
                boolean countsAgree = passed == Long.parseLong(fields[5]) && failed == Long.parseLong(fields[6]);
                String counts = " passed=" + fields[5] + " failed=" + fields[6] + " (Bulwark passed=" + passed
                        + " failed=" + failed + ")";
                if (countsAgree || files.keySet().stream().noneMatch(KubernetesPeers::hasVerdictInName)) {
                    cases.add(new PeerCase("checkov", caseId + counts, id, true, countsAgree));
                    continue;
                }
                for (String file : files.keySet()) {
                    if (!hasVerdictInName(file)) {
                        continue;
                    }
                    boolean failedInFile = verdicts.entrySet().stream()
                            .anyMatch(e -> e.getKey().startsWith(file + "|") && !e.getValue());
                    cases.add(new PeerCase("checkov", caseId + " " + file, id,
                            expectedFailure(file, PER_CONTAINER.contains(fields[3])), failedInFile));
                }
            }
        }
        return cases;
    }

    /**
     * True when a checkov fixture's file name states its verdict ({@code -PASSED}, {@code -FAILED},
     * {@code 1FAILED1PASSED}); files marked {@code UNKNOWN} or unmarked are judged only through the counts.
     */
    private static boolean hasVerdictInName(String file) {
        return (file.contains("PASS") || file.contains("FAIL")) && !file.contains("UNKNOWN");
    }

    /** The verdict a file name states; {@code podFAILED-containerPASSED} states one per level. */
    private static boolean expectedFailure(String file, boolean containerLevel) {
        java.util.regex.Matcher level = java.util.regex.Pattern.compile(
                (containerLevel ? "container" : "pod") + "(PASS|FAIL)").matcher(file);
        if (level.find()) {
            return level.group(1).equals("FAIL");
        }
        return file.contains("FAIL");
    }

    /**
     * Per resource ({@code Kind.namespace.name}, prefixed by its file when {@code perFile}): true when every mapped
     * check passed on it. A count-only case records "agrees" as both expected and actual failure.
     */
    private static Map<String, Boolean> verdicts(ConfigReport report, Set<String> checks, boolean perFile) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        for (CheckOutcome outcome : report.outcomes()) {
            if (checks.contains(outcome.checkId()) && !outcome.resource().isEmpty()) {
                String[] parts = outcome.resource().split("/");
                String key = parts.length == 3 ? parts[0] + "." + parts[1] + "." + parts[2]
                        : parts[0] + "." + parts[parts.length - 1];
                verdicts.merge(perFile ? outcome.location().path() + "|" + key : key, outcome.passed(),
                        Boolean::logicalAnd);
            }
        }
        return verdicts;
    }

    private static List<String> resources(String field) {
        List<String> result = new ArrayList<>();
        for (String part : field.split(",")) {
            String name = part.strip().replace("\"", "").replace("'", "");
            if (!name.isEmpty()) {
                result.add(name);
            }
        }
        return result;
    }

    /** trivy-checks {@code kubernetes/*.yaml}: every {@code good} manifest passes, every {@code bad} one fails. */
    static List<PeerCase> trivy(Path corpus, Bulwark bulwark, List<String> unmapped) {
        List<PeerCase> cases = new ArrayList<>();
        Path dir = corpus.resolve("misconfig/trivy-checks");
        for (String line : DockerfilePeers.read(dir.resolve("checks.tsv"))) {
            String[] fields = line.split("\t");
            if (!fields[0].equals("kubernetes")) {
                continue;
            }
            String id = fields[2];
            Set<String> checks = bulwark.equivalents(id);
            if (checks.isEmpty()) {
                unmapped.add(id);
                continue;
            }
            JsonNode examples = DockerfilePeers.yaml(dir.resolve("kubernetes").resolve(fields[1])).get("kubernetes");
            for (String kind : List.of("good", "bad")) {
                int index = 0;
                for (JsonNode example : examples.path(kind)) {
                    ConfigReport report = bulwark.scan("manifest.yaml", example.asText());
                    cases.add(new PeerCase("trivy-checks", "kubernetes/" + fields[1] + " " + kind + "[" + index++
                            + "]", id, kind.equals("bad"), Bulwark.count(report, checks) > 0));
                }
            }
        }
        return cases;
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }
}
