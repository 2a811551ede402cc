package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Falco's own rule-validation regression cases ({@code validate_rules_file} in falco_tests.yaml and
 * falco_tests_exceptions.yaml of Falco 0.32.2): each must be rejected, by the file Falco rejects, with an error that
 * names the same problem.
 */
class FalcoValidateRulesTest {

    record Outcome(String name, boolean passed, String detail) {
    }

    @Test
    void everyValidateCaseIsRejectedWithFalcosProblem() throws IOException {
        Path dir = Corpus.require("falco/legacy-tests-falco-0.32.2");
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(run(dir, "falco_tests.yaml"));
        outcomes.addAll(run(dir, "falco_tests_exceptions.yaml"));
        long passed = outcomes.stream().filter(Outcome::passed).count();
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> System.out.println("FAIL " + o.name() + ": "
                + o.detail()));
        System.out.println("validate_rules_file cases: " + passed + " passed, " + (outcomes.size() - passed)
                + " failed");
        assertThat(outcomes).hasSize(34);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.passed()).as(o.name() + ": " + o.detail()).isTrue());
    }

    @SuppressWarnings("unchecked")
    private static List<Outcome> run(Path dir, String suite) throws IOException {
        String text = Files.readString(dir.resolve(suite)).replace("!mux", "");
        Map<String, Object> root = new Yaml().load(text);
        Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) root.get("trace_files");
        List<Outcome> outcomes = new ArrayList<>();
        for (var entry : cases.entrySet()) {
            Map<String, Object> c = entry.getValue();
            if (!c.containsKey("validate_rules_file")) {
                continue;
            }
            List<Path> files = ((List<String>) c.get("validate_rules_file")).stream().map(dir::resolve).toList();
            String expectedText = (String) (c.containsKey("stdout_is") ? c.get("stdout_is") : c.get("stdout_contains"));
            outcomes.add(check(entry.getKey(), files, expectedText));
        }
        return outcomes;
    }

    /** The expected problem is the line after "N errors:"; earlier files must be "Ok". */
    private static Outcome check(String name, List<Path> files, String expectedText) {
        RuleSet.Validation validation = RuleSet.validate(files);
        if (validation.ok()) {
            return new Outcome(name, false, "accepted, Falco rejects it");
        }
        RuleSet.FileResult last = validation.files().getLast();
        for (RuleSet.FileResult earlier : validation.files().subList(0, validation.files().size() - 1)) {
            if (!earlier.ok()) {
                return new Outcome(name, false, "rejected " + earlier.file() + ", which Falco accepts");
            }
        }
        if (last.ok()) {
            return new Outcome(name, false, "the error is not attributed to " + last.file());
        }
        String problem = expectedProblem(expectedText);
        List<String> errors = last.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .map(Diagnostic::message).toList();
        if (problem != null && errors.stream().noneMatch(m -> m.contains(problem))) {
            return new Outcome(name, false, "expected '" + problem + "', got " + errors);
        }
        return new Outcome(name, true, errors.toString());
    }

    private static String expectedProblem(String stdout) {
        if (stdout == null) {
            return null;
        }
        String[] lines = stdout.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].matches(".*\\d+ errors:")) {
                String problem = lines[i + 1];
                int ruleColon = problem.indexOf(": error ");
                return ruleColon >= 0 ? problem.substring(ruleColon + 8) : problem;
            }
        }
        return null;
    }
}
