package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.core.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns manifest documents into Kubernetes resources, expanding {@code List} kinds. */
public final class Manifests {

    private Manifests() {
    }

    /** True when {@code value} looks like a Kubernetes object (has string {@code apiVersion} and {@code kind}). */
    static boolean isObject(Object value) {
        Map<String, Object> map = KubernetesResource.map(value);
        return map.get("apiVersion") instanceof String && map.get("kind") instanceof String;
    }

    /** The resources of {@code file}; documents that are not Kubernetes objects are skipped. */
    public static List<KubernetesResource> resources(ManifestFile file, Location location) {
        List<KubernetesResource> resources = new ArrayList<>();
        for (ManifestDocument document : file.documents()) {
            if (!isObject(document.root())) {
                continue;
            }
            Map<String, Object> object = KubernetesResource.map(document.root());
            String kind = (String) object.get("kind");
            if (kind.endsWith("List") && object.get("items") instanceof List<?> items) {
                for (Object item : items) {
                    if (isObject(item)) {
                        resources.add(new KubernetesResource(KubernetesResource.map(item), location,
                                file.sourceMap().startLine(item), file.sourceMap().endLine(item), file.sourceMap()));
                    }
                }
            } else {
                resources.add(new KubernetesResource(object, location, document.startLine(), document.endLine(),
                        file.sourceMap()));
            }
        }
        return resources;
    }
}
