package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.core.Severity;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Services with a selector that matches no pod of the scan in their namespace. */
final class ServiceTargetsCheck implements ClusterCheck {

    private static final CheckDescriptor DESCRIPTOR = KubernetesCheckDescriptors.describe("BW-K8S-062",
            Severity.LOW, "Service selects no pod",
            "A Service whose selector matches no pod has no endpoints; clients get connection errors, and a pod "
                    + "added later with those labels silently receives the traffic.",
            "Fix spec.selector to match the labels of the pods behind the Service.",
            "https://kubernetes.io/docs/concepts/services-networking/service/",
            List.of("service-targets-pod"));

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Judgement> check(ClusterView cluster) {
        List<Judgement> judgements = new ArrayList<>();
        for (KubernetesResource service : cluster.ofKind("Service")) {
            Map<String, String> selector = cluster.typed(service, Service.class)
                    .map(s -> s.getSpec() == null ? null : s.getSpec().getSelector()).orElse(null);
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            Map<String, Object> wanted = new java.util.LinkedHashMap<>(selector);
            boolean matches = cluster.workloads().stream()
                    .filter(w -> w.namespace().equals(service.namespace()))
                    .anyMatch(w -> ClusterView.selects(wanted, KubernetesResource.map(w.podMetadata().get("labels")),
                            true));
            judgements.add(new Judgement(service, matches ? List.of() : List.of(new Violation(service.startLine(),
                    service.endLine(), service.id(), "the selector " + selector + " matches no pod in namespace "
                    + service.namespace()))));
        }
        return judgements;
    }
}
