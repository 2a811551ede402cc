package dev.bulwark.config.internal.kubernetes;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kubernetes resource of a scan, with lookups the cross-resource checks share and typed views (fabric8
 * kubernetes-model) for the checks that read structured specs. A resource whose spec does not fit its typed model
 * is remembered as a problem and skipped by typed checks.
 */
public final class ClusterView {

    private final List<KubernetesResource> resources;
    private final Map<KubernetesResource, Map<Class<?>, Object>> typed = new IdentityHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public ClusterView(List<KubernetesResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public List<KubernetesResource> resources() {
        return resources;
    }

    /** The resources of {@code kind}. */
    public List<KubernetesResource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The resources that run pods. */
    public List<KubernetesResource> workloads() {
        return resources.stream().filter(KubernetesResource::isWorkload).toList();
    }

    /**
     * {@code resource} as the fabric8 model class {@code type}, or empty (and a recorded problem) when its content
     * does not fit the model.
     */
    public <T> Optional<T> typed(KubernetesResource resource, Class<T> type) {
        Map<Class<?>, Object> cache = typed.computeIfAbsent(resource, r -> new java.util.HashMap<>());
        if (cache.containsKey(type)) {
            return Optional.ofNullable(type.cast(cache.get(type)));
        }
        T value = null;
        try {
            value = TypedModels.MAPPER.convertValue(resource.object(), type);
        } catch (IllegalArgumentException e) {
            problems.add(resource.location().path() + ": " + resource.id() + " " + TypedModels.describe(e));
        }
        cache.put(type, value);
        return Optional.ofNullable(value);
    }

    /** Resources whose content did not fit their typed model, as messages naming the file and resource. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * True when {@code selector} (a label selector: {@code matchLabels} and {@code matchExpressions}, or a plain
     * map as Services use) selects {@code labels}. An empty selector selects everything.
     */
    public static boolean selects(Map<String, Object> selector, Map<String, Object> labels, boolean plainMap) {
        Map<String, Object> matchLabels = plainMap ? selector : KubernetesResource.map(selector.get("matchLabels"));
        for (Map.Entry<String, Object> entry : matchLabels.entrySet()) {
            if (!KubernetesResource.string(entry.getValue()).equals(KubernetesResource.string(labels.get(entry.getKey())))) {
                return false;
            }
        }
        if (plainMap) {
            return true;
        }
        for (Object item : KubernetesResource.list(selector.get("matchExpressions"))) {
            Map<String, Object> expression = KubernetesResource.map(item);
            String key = KubernetesResource.string(expression.get("key"));
            List<String> values = KubernetesResource.list(expression.get("values")).stream()
                    .map(KubernetesResource::string).toList();
            boolean present = labels.containsKey(key);
            String value = KubernetesResource.string(labels.get(key));
            boolean matches = switch (KubernetesResource.string(expression.get("operator"))) {
                case "In" -> present && values.contains(value);
                case "NotIn" -> !present || !values.contains(value);
                case "Exists" -> present;
                case "DoesNotExist" -> !present;
                default -> false;
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
