package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** NetworkPolicies whose pod selector matches no pod of the scan, usually a label typo that leaves pods open. */
final class NetworkPolicyTargetsCheck implements ClusterCheck {

    private static final CheckDescriptor DESCRIPTOR = KubernetesCheckDescriptors.describe("BW-K8S-061",
            Severity.LOW, "NetworkPolicy selects no pod",
            "A NetworkPolicy whose podSelector matches nothing protects nothing; the pods it was written for stay "
                    + "open, usually because of a label typo.",
            "Fix spec.podSelector to match the labels of the pods it should isolate.",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
            List.of("networkpolicy-targets-pod"));

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Judgement> check(ClusterView cluster) {
        List<Judgement> judgements = new ArrayList<>();
        for (KubernetesResource policy : cluster.ofKind("NetworkPolicy")) {
            Map<String, Object> selector = KubernetesResource.map(
                    KubernetesResource.map(policy.object().get("spec")).get("podSelector"));
            boolean selectsAll = KubernetesResource.map(selector.get("matchLabels")).isEmpty()
                    && KubernetesResource.list(selector.get("matchExpressions")).isEmpty();
            boolean matches = selectsAll || cluster.workloads().stream()
                    .filter(w -> w.namespace().equals(policy.namespace()))
                    .anyMatch(w -> ClusterView.selects(selector,
                            KubernetesResource.map(w.podMetadata().get("labels")), false));
            judgements.add(new Judgement(policy, matches ? List.of() : List.of(new Violation(policy.startLine(),
                    policy.endLine(), policy.id(), "the podSelector matches no pod in namespace "
                    + policy.namespace()))));
        }
        return judgements;
    }
}
