package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.cel.CelEngine;
import dev.bulwark.config.internal.cel.CelEngine.CompiledPolicy;
import dev.bulwark.config.internal.cel.CelEngine.Outcome;
import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.check.CheckResults;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the Kubernetes checks: CEL policies (built-in and custom) on each resource as files arrive, and the
 * cross-resource Java checks once every resource of the scan is known. Resources opt out of checks with
 * {@link Suppressions}.
 */
public final class KubernetesChecker {

    private final List<CompiledPolicy> policies;
    private final List<ClusterCheck> clusterChecks;

    public KubernetesChecker(List<CompiledPolicy> policies, List<ClusterCheck> clusterChecks) {
        this.policies = List.copyOf(policies);
        this.clusterChecks = List.copyOf(clusterChecks);
    }

    /**
     * Checks one resource with the policies; a resource that does not fit its kind's schema is reported to
     * {@code errors} and not checked (the method returns false), as are policy evaluation errors.
     *
     * @param lines the file's lines, for comment pragmas
     */
    public boolean check(KubernetesResource resource, List<String> lines, CheckFilter filter, CheckResults results,
                         Consumer<String> errors) {
        String schema = TypedModels.schemaProblem(resource);
        if (schema != null) {
            errors.accept(resource.id() + " (line " + resource.startLine() + ") " + schema
                    + "; the resource was not checked");
            return false;
        }
        Suppressions suppressions = Suppressions.of(resource, lines);
        Map<String, Object> activation = null;
        for (CompiledPolicy policy : policies) {
            CheckDescriptor check = policy.descriptor();
            if (!policy.appliesTo(resource) || !filter.enabled(check) || suppressions.suppresses(check)) {
                continue;
            }
            if (activation == null) {
                activation = CelEngine.activation(resource);
            }
            Outcome outcome = policy.evaluate(resource, activation);
            if (outcome.error() != null) {
                errors.accept(outcome.error());
            } else {
                results.record(check, resource.id(), outcome.violations());
            }
        }
        return true;
    }

    /**
     * Runs the cross-resource checks over every resource of the scan.
     *
     * @param resultsOf the results collector of a resource's file
     * @param lines the lines of a resource's file, for comment pragmas
     */
    public void checkCluster(ClusterView cluster, CheckFilter filter,
                             java.util.function.Function<KubernetesResource, CheckResults> resultsOf,
                             java.util.function.Function<KubernetesResource, List<String>> lines) {
        for (ClusterCheck check : clusterChecks) {
            CheckDescriptor descriptor = check.descriptor();
            if (!filter.enabled(descriptor)) {
                continue;
            }
            for (ClusterCheck.Judgement judgement : check.check(cluster)) {
                KubernetesResource resource = judgement.resource();
                if (!Suppressions.of(resource, lines.apply(resource)).suppresses(descriptor)) {
                    resultsOf.apply(resource).record(descriptor, resource.id(), judgement.violations());
                }
            }
        }
    }

    public List<CompiledPolicy> policies() {
        return policies;
    }

    public List<ClusterCheck> clusterChecks() {
        return clusterChecks;
    }
}
