package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.core.Location;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Kubernetes object from a manifest file, as plain values with the lines it spans.
 *
 * @param object the object ({@code apiVersion}, {@code kind}, {@code metadata}, ...)
 * @param location the file it came from
 * @param startLine its first line
 * @param endLine its last line
 * @param sourceMap the lines of the object's parts
 */
public record KubernetesResource(Map<String, Object> object, Location location, int startLine, int endLine,
                                 SourceMap sourceMap) {

    /** Kinds whose objects carry a pod template (or are pods), and where that pod spec lives. */
    private static final Map<String, List<String>> POD_SPEC_PATHS = Map.of(
            "Pod", List.of("spec"),
            "Deployment", List.of("spec", "template", "spec"),
            "StatefulSet", List.of("spec", "template", "spec"),
            "DaemonSet", List.of("spec", "template", "spec"),
            "ReplicaSet", List.of("spec", "template", "spec"),
            "ReplicationController", List.of("spec", "template", "spec"),
            "Job", List.of("spec", "template", "spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
            "PodTemplate", List.of("template", "spec"),
            "DeploymentConfig", List.of("spec", "template", "spec"));

    /** Kinds that are not namespaced (so have no namespace in their resource name). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "APIService", "IngressClass", "RuntimeClass", "PodSecurityPolicy",
            "CertificateSigningRequest", "VolumeAttachment", "CSIDriver", "CSINode");

    public String kind() {
        return string(object.get("kind"));
    }

    public String apiVersion() {
        return string(object.get("apiVersion"));
    }

    public Map<String, Object> metadata() {
        return map(object.get("metadata"));
    }

    public String name() {
        String name = string(metadata().get("name"));
        return name.isEmpty() ? string(metadata().get("generateName")) : name;
    }

    /** The namespace as written, or empty. */
    public String declaredNamespace() {
        return string(metadata().get("namespace"));
    }

    /** The namespace the object lands in: as written, else {@code default} for namespaced kinds, else empty. */
    public String namespace() {
        String namespace = declaredNamespace();
        if (!namespace.isEmpty() || isClusterScoped()) {
            return namespace;
        }
        return "default";
    }

    public boolean isClusterScoped() {
        return CLUSTER_SCOPED.contains(kind());
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped kinds. */
    public String id() {
        return isClusterScoped() ? kind() + "/" + name() : kind() + "/" + namespace() + "/" + name();
    }

    public Map<String, Object> annotations() {
        return map(metadata().get("annotations"));
    }

    public Map<String, Object> labels() {
        return map(metadata().get("labels"));
    }

    /** True when the kind runs pods (a Pod or a workload with a pod template). */
    public boolean isWorkload() {
        return POD_SPEC_PATHS.containsKey(kind());
    }

    /** The pod spec of a workload, or an empty map. */
    public Map<String, Object> podSpec() {
        List<String> path = POD_SPEC_PATHS.get(kind());
        return path == null ? Map.of() : map(at(object, path));
    }

    /** The metadata of the pod (the template's metadata for workloads), or an empty map. */
    public Map<String, Object> podMetadata() {
        List<String> path = POD_SPEC_PATHS.get(kind());
        if (path == null) {
            return Map.of();
        }
        return map(at(object, path.subList(0, path.size() - 1).stream().toList()).get("metadata"));
    }

    /** Every container of the pod: init containers, containers and ephemeral containers, in that order. */
    public List<Map<String, Object>> containers() {
        Map<String, Object> spec = podSpec();
        java.util.ArrayList<Map<String, Object>> all = new java.util.ArrayList<>();
        for (String key : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (Object item : list(spec.get(key))) {
                if (item instanceof Map<?, ?>) {
                    all.add(map(item));
                }
            }
        }
        return all;
    }

    private static Map<String, Object> at(Map<String, Object> root, List<String> path) {
        Map<String, Object> current = root;
        for (String key : path) {
            current = map(current.get(key));
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    public static String string(Object value) {
        return value instanceof String text ? text : value == null ? "" : String.valueOf(value);
    }
}
