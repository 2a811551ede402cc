package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.core.Severity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods that no NetworkPolicy of their namespace isolates for both ingress and egress. Without such a policy every
 * pod can talk to every other pod and to anything outside the cluster. Policy types follow Kubernetes' defaults:
 * Ingress always, Egress when the policy has egress rules or lists the type.
 */
final class NetworkPolicyCoverageCheck implements ClusterCheck {

    private static final CheckDescriptor DESCRIPTOR = KubernetesCheckDescriptors.describe("BW-K8S-060",
            Severity.MEDIUM, "Pod is not isolated by a NetworkPolicy",
            "Pods without a NetworkPolicy selecting them accept traffic from, and send traffic to, anything: one "
                    + "compromised pod can reach every service and the internet.",
            "Add a NetworkPolicy in the namespace that selects the pod and covers Ingress and Egress (a default-deny "
                    + "policy with podSelector {} is a good start).",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
            List.of("pod-networkpolicy"));

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Judgement> check(ClusterView cluster) {
        List<Judgement> judgements = new ArrayList<>();
        List<KubernetesResource> policies = cluster.ofKind("NetworkPolicy");
        for (KubernetesResource workload : cluster.workloads()) {
            Map<String, Object> labels = KubernetesResource.map(workload.podMetadata().get("labels"));
            boolean ingress = false;
            boolean egress = false;
            for (KubernetesResource resource : policies) {
                if (!resource.namespace().equals(workload.namespace())) {
                    continue;
                }
                NetworkPolicySpec spec = cluster.typed(resource, NetworkPolicy.class)
                        .map(NetworkPolicy::getSpec).orElse(null);
                Map<String, Object> selector = KubernetesResource.map(
                        KubernetesResource.map(resource.object().get("spec")).get("podSelector"));
                if (spec == null || !ClusterView.selects(selector, labels, false)) {
                    continue;
                }
                List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
                boolean hasEgressRules = spec.getEgress() != null && !spec.getEgress().isEmpty();
                ingress |= types.isEmpty() || types.contains("Ingress");
                egress |= types.contains("Egress") || types.isEmpty() && hasEgressRules;
            }
            List<Violation> violations = new ArrayList<>();
            if (!ingress || !egress) {
                String missing = !ingress && !egress ? "no NetworkPolicy selects the pod"
                        : "no NetworkPolicy isolates the pod's " + (!ingress ? "ingress" : "egress");
                violations.add(new Violation(workload.startLine(), workload.endLine(), workload.id(), missing));
            }
            judgements.add(new Judgement(workload, violations));
        }
        return judgements;
    }
}
