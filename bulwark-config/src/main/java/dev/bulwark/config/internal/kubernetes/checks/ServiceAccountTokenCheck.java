package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.core.Severity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods that get a service account token mounted. The pod's own {@code automountServiceAccountToken} wins; when it is
 * unset, the ServiceAccount's setting applies (if that ServiceAccount is part of the scan), and Kubernetes' default is
 * to mount.
 */
final class ServiceAccountTokenCheck implements ClusterCheck {

    private static final CheckDescriptor DESCRIPTOR = KubernetesCheckDescriptors.describe("BW-K8S-010",
            Severity.MEDIUM, "Service account token is mounted automatically",
            "Every pod gets an API token unless automountServiceAccountToken is false on the pod or its "
                    + "ServiceAccount; a compromised container can then call the API server with the service "
                    + "account's rights.",
            "Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the API.",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
            List.of("CKV_K8S_38", "automountServiceAccountToken", "AutomountServiceAccountToken"));

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Judgement> check(ClusterView cluster) {
        List<Judgement> judgements = new ArrayList<>();
        for (KubernetesResource workload : cluster.workloads()) {
            Map<String, Object> spec = workload.podSpec();
            Object own = spec.get("automountServiceAccountToken");
            String account = KubernetesResource.string(spec.getOrDefault("serviceAccountName",
                    spec.getOrDefault("serviceAccount", "default")));
            boolean mounted;
            String why;
            if (own instanceof Boolean value) {
                mounted = value;
                why = "the pod sets automountServiceAccountToken: true";
            } else {
                Boolean fromAccount = accountSetting(cluster, workload.namespace(), account);
                mounted = fromAccount == null || fromAccount;
                why = fromAccount == null ? "neither the pod nor ServiceAccount " + account
                        + " disables automountServiceAccountToken"
                        : "ServiceAccount " + account + " sets automountServiceAccountToken: true";
            }
            judgements.add(new Judgement(workload, mounted
                    ? List.of(new Violation(workload.startLine(), workload.endLine(), workload.id(), why))
                    : List.of()));
        }
        return judgements;
    }

    private static Boolean accountSetting(ClusterView cluster, String namespace, String name) {
        for (KubernetesResource account : cluster.ofKind("ServiceAccount")) {
            if (account.name().equals(name) && account.namespace().equals(namespace)) {
                return cluster.typed(account, ServiceAccount.class)
                        .map(ServiceAccount::getAutomountServiceAccountToken).orElse(null);
            }
        }
        return null;
    }
}
