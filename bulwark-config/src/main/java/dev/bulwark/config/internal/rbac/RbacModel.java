package dev.bulwark.config.internal.rbac;

import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RBAC objects of a scan, read through the fabric8 RBAC model: Roles, ClusterRoles (aggregated ones get the rules
 * of the ClusterRoles their selectors match) and bindings. Bindings may refer to Kubernetes' default ClusterRoles
 * (cluster-admin, admin, edit, view) without the scan containing them; those are known here, with the rules that
 * matter for risk (the defaults of admin and edit include exec into pods and reading secrets, view does not).
 */
public final class RbacModel {

    /**
     * A Role or ClusterRole.
     *
     * @param kind {@code Role} or {@code ClusterRole}
     * @param namespace the Role's namespace, empty for ClusterRoles
     * @param name the name
     * @param rules the rules (aggregated rules included)
     * @param resource where it was defined, or {@code null} for a default role not in the scan
     */
    public record RoleDefinition(String kind, String namespace, String name, List<Rule> rules,
                                 KubernetesResource resource) {

        public RoleDefinition {
            rules = List.copyOf(rules);
        }

        /** {@code ClusterRole/name} or {@code Role/namespace/name}. */
        public String id() {
            return kind.equals("Role") ? "Role/" + namespace + "/" + name : "ClusterRole/" + name;
        }
    }

    /**
     * A subject of a binding.
     *
     * @param kind {@code User}, {@code Group} or {@code ServiceAccount}
     * @param name its name
     * @param namespace the ServiceAccount's namespace (empty for users and groups)
     */
    public record Subject(String kind, String name, String namespace) {

        /** True for Kubernetes' own identities ({@code system:...}) and service accounts of kube-system. */
        public boolean isSystem() {
            return name.startsWith("system:") || kind.equals("ServiceAccount") && namespace.equals("kube-system");
        }

        @Override
        public String toString() {
            return kind.equals("ServiceAccount") ? "ServiceAccount " + namespace + "/" + name : kind + " " + name;
        }
    }

    /**
     * A RoleBinding or ClusterRoleBinding.
     *
     * @param kind {@code RoleBinding} or {@code ClusterRoleBinding}
     * @param namespace the RoleBinding's namespace, empty for ClusterRoleBindings
     * @param name the name
     * @param roleKind {@code Role} or {@code ClusterRole}
     * @param roleName the referenced role's name
     * @param subjects the subjects
     * @param resource where it was defined
     */
    public record BindingDefinition(String kind, String namespace, String name, String roleKind, String roleName,
                                    List<Subject> subjects, KubernetesResource resource) {

        public BindingDefinition {
            subjects = List.copyOf(subjects);
        }

        /** True for bindings Kubernetes or the platform manages ({@code system:*}, {@code gce:*}, default labels). */
        public boolean isManaged() {
            return name.startsWith("system:") || name.startsWith("gce:") || name.equals("cluster-admin")
                    && kind.equals("ClusterRoleBinding") || isBootstrap(resource);
        }
    }

    private static final List<RoleDefinition> DEFAULT_CLUSTER_ROLES = List.of(
            new RoleDefinition("ClusterRole", "", "cluster-admin", List.of(
                    new Rule(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of(), 0)), null),
            new RoleDefinition("ClusterRole", "", "admin", List.of(
                    new Rule(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward",
                            "pods/proxy", "secrets", "services", "configmaps", "persistentvolumeclaims",
                            "serviceaccounts", "replicationcontrollers", "endpoints"),
                            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                    "watch"), List.of(), List.of(), 0),
                    new Rule(List.of("apps", "batch", "autoscaling", "networking.k8s.io", "policy"), List.of("*"),
                            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                    "watch"), List.of(), List.of(), 1),
                    new Rule(List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings"),
                            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                    "watch"), List.of(), List.of(), 2)), null),
            new RoleDefinition("ClusterRole", "", "edit", List.of(
                    new Rule(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward",
                            "pods/proxy", "secrets", "services", "configmaps", "persistentvolumeclaims",
                            "replicationcontrollers", "endpoints"),
                            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                    "watch"), List.of(), List.of(), 0),
                    new Rule(List.of("apps", "batch", "autoscaling", "networking.k8s.io", "policy"), List.of("*"),
                            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                    "watch"), List.of(), List.of(), 1)), null),
            new RoleDefinition("ClusterRole", "", "view", List.of(
                    new Rule(List.of("", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"),
                            List.of("pods", "services", "configmaps", "endpoints", "persistentvolumeclaims",
                                    "replicationcontrollers", "deployments", "statefulsets", "daemonsets",
                                    "replicasets", "jobs", "cronjobs", "ingresses", "networkpolicies"),
                            List.of("get", "list", "watch"), List.of(), List.of(), 0)), null));

    private final List<RoleDefinition> roles;
    private final List<BindingDefinition> bindings;

    private RbacModel(List<RoleDefinition> roles, List<BindingDefinition> bindings) {
        this.roles = List.copyOf(roles);
        this.bindings = List.copyOf(bindings);
    }

    /** The RBAC objects of {@code cluster}; objects that do not fit the RBAC schema are skipped (and reported there). */
    public static RbacModel of(ClusterView cluster) {
        List<RoleDefinition> roles = new ArrayList<>();
        for (KubernetesResource resource : cluster.ofKind("Role")) {
            cluster.typed(resource, Role.class).ifPresent(role -> roles.add(new RoleDefinition("Role",
                    resource.namespace(), resource.name(), rules(role.getRules()), resource)));
        }
        Map<String, ClusterRole> clusterRoles = new LinkedHashMap<>();
        Map<String, KubernetesResource> sources = new LinkedHashMap<>();
        for (KubernetesResource resource : cluster.ofKind("ClusterRole")) {
            cluster.typed(resource, ClusterRole.class).ifPresent(role -> {
                clusterRoles.put(resource.name(), role);
                sources.put(resource.name(), resource);
            });
        }
        for (Map.Entry<String, ClusterRole> entry : clusterRoles.entrySet()) {
            List<PolicyRule> rules = new ArrayList<>(nonNull(entry.getValue().getRules()));
            AggregationRule aggregation = entry.getValue().getAggregationRule();
            if (aggregation != null) {
                for (Map.Entry<String, ClusterRole> other : clusterRoles.entrySet()) {
                    if (other.getKey().equals(entry.getKey())) {
                        continue;
                    }
                    Map<String, Object> labels = sources.get(other.getKey()).labels();
                    for (LabelSelector selector : nonNull(aggregation.getClusterRoleSelectors())) {
                        Map<String, Object> matchLabels = new LinkedHashMap<>(selector.getMatchLabels() == null
                                ? Map.of() : selector.getMatchLabels());
                        if (ClusterView.selects(matchLabels, labels, true)) {
                            rules.addAll(nonNull(other.getValue().getRules()));
                            break;
                        }
                    }
                }
            }
            roles.add(new RoleDefinition("ClusterRole", "", entry.getKey(), rules(rules), sources.get(entry.getKey())));
        }
        for (RoleDefinition defaults : DEFAULT_CLUSTER_ROLES) {
            if (!clusterRoles.containsKey(defaults.name())) {
                roles.add(defaults);
            }
        }
        List<BindingDefinition> bindings = new ArrayList<>();
        for (KubernetesResource resource : cluster.ofKind("RoleBinding")) {
            cluster.typed(resource, RoleBinding.class).ifPresent(binding -> bindings.add(binding(resource,
                    "RoleBinding", resource.namespace(), binding.getRoleRef(), binding.getSubjects())));
        }
        for (KubernetesResource resource : cluster.ofKind("ClusterRoleBinding")) {
            cluster.typed(resource, ClusterRoleBinding.class).ifPresent(binding -> bindings.add(binding(resource,
                    "ClusterRoleBinding", "", binding.getRoleRef(), binding.getSubjects())));
        }
        return new RbacModel(roles, bindings);
    }

    private static BindingDefinition binding(KubernetesResource resource, String kind, String namespace,
                                             RoleRef roleRef,
                                             List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects) {
        List<Subject> result = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.rbac.Subject subject : nonNull(subjects)) {
            String subjectNamespace = subject.getNamespace() == null ? "" : subject.getNamespace();
            if (subject.getKind() != null && subject.getKind().equals("ServiceAccount") && subjectNamespace.isEmpty()) {
                subjectNamespace = namespace;
            }
            result.add(new Subject(orEmpty(subject.getKind()), orEmpty(subject.getName()), subjectNamespace));
        }
        return new BindingDefinition(kind, namespace, resource.name(),
                roleRef == null ? "" : orEmpty(roleRef.getKind()), roleRef == null ? "" : orEmpty(roleRef.getName()),
                result, resource);
    }

    private static List<Rule> rules(List<PolicyRule> rules) {
        List<Rule> result = new ArrayList<>();
        List<PolicyRule> list = nonNull(rules);
        for (int i = 0; i < list.size(); i++) {
            PolicyRule rule = list.get(i);
            result.add(new Rule(lower(rule.getApiGroups()), lower(rule.getResources()), lower(rule.getVerbs()),
                    nonNull(rule.getResourceNames()), nonNull(rule.getNonResourceURLs()), i));
        }
        return result;
    }

    private static List<String> lower(List<String> values) {
        return nonNull(values).stream().map(v -> v == null ? "" : v.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** True for objects labelled as Kubernetes defaults ({@code kubernetes.io/bootstrapping: rbac-defaults}). */
    static boolean isBootstrap(KubernetesResource resource) {
        return resource != null && "rbac-defaults".equals(
                KubernetesResource.string(resource.labels().get("kubernetes.io/bootstrapping")));
    }

    public List<RoleDefinition> roles() {
        return roles;
    }

    /** The roles defined in the scanned files (not the built-in defaults). */
    public List<RoleDefinition> scannedRoles() {
        return roles.stream().filter(r -> r.resource() != null).toList();
    }

    public List<BindingDefinition> bindings() {
        return bindings;
    }

    /**
     * The role a binding refers to, if known (scanned, or a default ClusterRole). A binding to ClusterRole
     * cluster-admin always gets the default cluster-admin: the API server reconciles that role, so a manifest that
     * redefines it does not change what the binding grants.
     */
    public Optional<RoleDefinition> roleOf(BindingDefinition binding) {
        if (binding.roleKind().equals("ClusterRole") && binding.roleName().equals("cluster-admin")) {
            return Optional.of(DEFAULT_CLUSTER_ROLES.getFirst());
        }
        for (RoleDefinition role : roles) {
            if (role.kind().equals(binding.roleKind()) && role.name().equals(binding.roleName())
                    && (role.kind().equals("ClusterRole") || role.namespace().equals(binding.namespace()))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the role is one Kubernetes manages: {@code system:*}, bootstrap-labelled, or one of the default
     * ClusterRoles (cluster-admin, admin, edit, view), which the API server reconciles to their defaults.
     */
    public static boolean isManaged(RoleDefinition role) {
        return role.resource() == null || role.name().startsWith("system:") || role.name().startsWith("gce:")
                || isBootstrap(role.resource())
                || role.kind().equals("ClusterRole") && DEFAULT_NAMES.contains(role.name());
    }

    private static final java.util.Set<String> DEFAULT_NAMES = java.util.Set.of("cluster-admin", "admin", "edit",
            "view");
}
