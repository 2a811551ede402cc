package dev.bulwark.config.internal.rbac;

import java.util.Map;

/** The API group of the resources people ask about without naming a group ({@code deployments} is in apps). */
final class WellKnownResources {

    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("deployments", "apps"), Map.entry("statefulsets", "apps"), Map.entry("daemonsets", "apps"),
            Map.entry("replicasets", "apps"), Map.entry("controllerrevisions", "apps"),
            Map.entry("jobs", "batch"), Map.entry("cronjobs", "batch"),
            Map.entry("ingresses", "networking.k8s.io"), Map.entry("networkpolicies", "networking.k8s.io"),
            Map.entry("ingressclasses", "networking.k8s.io"),
            Map.entry("roles", "rbac.authorization.k8s.io"), Map.entry("clusterroles", "rbac.authorization.k8s.io"),
            Map.entry("rolebindings", "rbac.authorization.k8s.io"),
            Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
            Map.entry("certificatesigningrequests", "certificates.k8s.io"),
            Map.entry("signers", "certificates.k8s.io"),
            Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicies", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
            Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
            Map.entry("horizontalpodautoscalers", "autoscaling"),
            Map.entry("poddisruptionbudgets", "policy"), Map.entry("podsecuritypolicies", "policy"),
            Map.entry("storageclasses", "storage.k8s.io"), Map.entry("csidrivers", "storage.k8s.io"),
            Map.entry("priorityclasses", "scheduling.k8s.io"), Map.entry("leases", "coordination.k8s.io"),
            Map.entry("tokenreviews", "authentication.k8s.io"),
            Map.entry("subjectaccessreviews", "authorization.k8s.io"));

    private WellKnownResources() {
    }

    static String groupOf(String resource) {
        return GROUPS.getOrDefault(resource, "");
    }
}
