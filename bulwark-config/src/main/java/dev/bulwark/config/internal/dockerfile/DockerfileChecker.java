package dev.bulwark.config.internal.dockerfile;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.check.CheckResults;
import dev.bulwark.config.internal.check.Violation;
import java.util.List;

/** Runs the Dockerfile rules on one parsed Dockerfile, honouring the check filter and inline ignore pragmas. */
public final class DockerfileChecker {

    private final List<DockerfileRule> rules;

    public DockerfileChecker(List<DockerfileRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Checks {@code dockerfile} into {@code results}.
     *
     * @param history true for instructions rebuilt from an image's history (rules that need a real file are skipped)
     */
    public void check(Dockerfile dockerfile, boolean history, CheckFilter filter, CheckResults results) {
        DockerfileContext context = new DockerfileContext(dockerfile, history);
        InlineIgnores ignores = new InlineIgnores(dockerfile);
        for (DockerfileRule rule : rules) {
            if (!filter.enabled(rule.descriptor()) || history && !rule.appliesToHistory()) {
                continue;
            }
            List<Violation> violations = ignores.remaining(rule.descriptor(), rule.check(context));
            if (history) {
                violations = violations.stream().map(v -> new Violation(v.startLine(), v.endLine(), "",
                        "history step " + v.startLine() + ": " + v.message())).toList();
            }
            results.record(rule.descriptor(), violations);
        }
    }

    /**
     * The violations of {@code check} that no inline pragma of {@code dockerfile} silences, for checks that run
     * outside this class (custom policies).
     */
    public static List<Violation> unsilenced(Dockerfile dockerfile, CheckDescriptor check,
                                             List<Violation> violations) {
        return new InlineIgnores(dockerfile).remaining(check, violations);
    }

    public List<DockerfileRule> rules() {
        return rules;
    }
}
