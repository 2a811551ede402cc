package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Falco's current rule files (falcosecurity/rules 5.1.0 and the k8saudit plugin's) load without errors. */
class CurrentRulesLoadTest {

    private static void assertLoads(List<Path> files, int minimumRules) {
        RuleSet.Validation validation = RuleSet.validate(files);
        assertThat(validation.diagnostics()).filteredOn(d -> d.severity() == Diagnostic.Severity.ERROR)
                .extracting(Diagnostic::describe).isEmpty();
        assertThat(validation.ruleSet().rules()).hasSizeGreaterThanOrEqualTo(minimumRules);
    }

    @Test
    void defaultRulesLoad() {
        assertLoads(List.of(Corpus.require("falco/rules/falco_rules.yaml")), 25);
    }

    @Test
    void incubatingRulesLoadOnTopOfDefaultRules() {
        assertLoads(List.of(Corpus.require("falco/rules/falco_rules.yaml"),
                Corpus.require("falco/rules/falco-incubating_rules.yaml")), 25 + 31);
    }

    @Test
    void sandboxRulesLoadOnTopOfDefaultRules() {
        assertLoads(List.of(Corpus.require("falco/rules/falco_rules.yaml"),
                Corpus.require("falco/rules/falco-sandbox_rules.yaml")), 25 + 37);
    }

    @Test
    void k8sAuditRulesLoad() {
        RuleSet.Validation validation = RuleSet.validate(List.of(Corpus.require("falco/rules/k8s_audit_rules.yaml")));
        assertThat(validation.diagnostics()).filteredOn(d -> d.severity() == Diagnostic.Severity.ERROR)
                .extracting(Diagnostic::describe).isEmpty();
        assertThat(validation.ruleSet().rules()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.source()).isEqualTo("k8s_audit"));
    }

    @Test
    void falco0322RulesLoadTogether() {
        assertLoads(List.of(Corpus.require("falco/legacy-tests-falco-0.32.2/rules-0.32.2/falco_rules.yaml"),
                Corpus.require("falco/legacy-tests-falco-0.32.2/rules-0.32.2/k8s_audit_rules.yaml")), 50);
    }
}
