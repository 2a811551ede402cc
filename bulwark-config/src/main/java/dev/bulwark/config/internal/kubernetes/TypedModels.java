package dev.bulwark.config.internal.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;

/**
 * The fabric8 kubernetes-model class of each kind Bulwark reads in a typed way. Reading a resource into its model
 * doubles as a schema check: a field of the wrong type (a list where an object belongs) is reported once, clearly,
 * instead of as a string of failed policy evaluations.
 */
public final class TypedModels {

    private static final Map<String, Class<?>> BY_KIND = Map.ofEntries(
            Map.entry("Pod", Pod.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("DaemonSet", DaemonSet.class),
            Map.entry("ReplicaSet", ReplicaSet.class),
            Map.entry("ReplicationController", ReplicationController.class),
            Map.entry("Job", Job.class),
            Map.entry("CronJob", CronJob.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("Namespace", Namespace.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class),
            Map.entry("Ingress", Ingress.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("Role", Role.class),
            Map.entry("ClusterRole", ClusterRole.class),
            Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("ClusterRoleBinding", ClusterRoleBinding.class));

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TypedModels() {
    }

    /** The model class of {@code kind}, or {@code null} when Bulwark reads that kind untyped. */
    public static Class<?> of(String kind) {
        return BY_KIND.get(kind);
    }

    /**
     * Why {@code resource} does not fit its kind's schema, or {@code null} when it fits (or its kind is not typed).
     */
    public static String schemaProblem(KubernetesResource resource) {
        Class<?> type = of(resource.kind());
        if (type == null || resource.apiVersion().contains("v1beta") && resource.kind().equals("CronJob")) {
            return null;
        }
        try {
            MAPPER.convertValue(resource.object(), type);
            return null;
        } catch (IllegalArgumentException e) {
            return describe(e);
        }
    }

    static String describe(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String first = message.lines().findFirst().orElse("").replaceAll(" \\(through reference chain.*", "");
        int path = message.indexOf("(through reference chain: ");
        String where = "";
        if (path >= 0) {
            String chain = message.substring(path);
            java.util.regex.Matcher field = java.util.regex.Pattern.compile("\\[\"([^\"]+)\"]|\\[(\\d+)]")
                    .matcher(chain);
            StringBuilder fields = new StringBuilder();
            while (field.find()) {
                if (field.group(1) != null) {
                    fields.append(fields.isEmpty() ? "" : ".").append(field.group(1));
                } else {
                    fields.append('[').append(field.group(2)).append(']');
                }
            }
            where = fields.isEmpty() ? "" : " at " + fields;
        }
        first = first.replaceAll("\\s*at \\[Source.*", "");
        java.util.regex.Matcher mismatch = java.util.regex.Pattern.compile(
                "Cannot deserialize value of type `([^`]+)` from (\\w+)").matcher(first);
        java.util.regex.Matcher construct = java.util.regex.Pattern.compile(
                "Cannot construct instance of `[^`]+`.*from (\\w+) value").matcher(first);
        if (mismatch.find()) {
            first = "expected " + expected(mismatch.group(1)) + ", found " + found(mismatch.group(2));
        } else if (construct.find()) {
            first = "expected an object, found " + found(construct.group(1));
        }
        return "does not match the Kubernetes schema" + where + ": " + first;
    }

    private static String expected(String javaType) {
        if (javaType.contains("Map")) {
            return "a map";
        }
        if (javaType.contains("List")) {
            return "a list";
        }
        return switch (javaType.substring(javaType.lastIndexOf('.') + 1)) {
            case "String" -> "a string";
            case "Integer", "Long", "int", "long" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            default -> "an object";
        };
    }

    private static String found(String jsonKind) {
        return switch (jsonKind) {
            case "Array" -> "a list";
            case "Object" -> "an object";
            case "String" -> "a string";
            case "Boolean" -> "a boolean";
            default -> "a " + jsonKind.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
