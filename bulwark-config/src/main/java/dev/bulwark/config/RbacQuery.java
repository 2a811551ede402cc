package dev.bulwark.config;

import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.config.internal.rbac.Permission;
import dev.bulwark.config.internal.rbac.RbacModel;
import dev.bulwark.config.internal.rbac.RbacModel.BindingDefinition;
import dev.bulwark.config.internal.rbac.RbacModel.RoleDefinition;
import dev.bulwark.config.internal.rbac.RbacModel.Subject;
import dev.bulwark.config.internal.rbac.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers RBAC questions about manifests, the static counterpart of {@code kubectl auth can-i --list} and
 * {@code kubectl who-can}: which subjects may perform a verb on a resource, through which binding and role. Roles
 * the files do not define but Kubernetes ships (cluster-admin, admin, edit, view) are known; bindings to other
 * unknown roles are reported as unresolved rather than guessed.
 */
public final class RbacQuery {

    /** Resources that only ClusterRoleBindings can grant (a RoleBinding cannot reach cluster-scoped objects). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("nodes", "namespaces", "persistentvolumes",
            "clusterroles", "clusterrolebindings", "customresourcedefinitions", "storageclasses", "priorityclasses",
            "certificatesigningrequests", "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
            "apiservices", "ingressclasses", "runtimeclasses", "csidrivers", "csinodes", "volumeattachments",
            "signers", "tokenreviews", "subjectaccessreviews");

    private final RbacModel model;
    private final List<FileError> errors;

    private RbacQuery(RbacModel model, List<FileError> errors) {
        this.model = model;
        this.errors = List.copyOf(errors);
    }

    /**
     * Reads the Kubernetes manifests at {@code paths} (files or directories), each shown under its display name.
     *
     * @param paths the inputs and how to name them in answers
     */
    public static RbacQuery load(Map<Path, String> paths) {
        ConfigScan scan = new ConfigScan(ConfigScanner.create(ConfigScanOptions.defaults()), true);
        paths.forEach(scan::addPath);
        List<KubernetesResource> resources = scan.resources();
        ClusterView cluster = new ClusterView(resources);
        RbacModel model = RbacModel.of(cluster);
        List<FileError> errors = new ArrayList<>(scan.errors());
        for (String problem : cluster.problems()) {
            int colon = problem.indexOf(": ");
            errors.add(new FileError(dev.bulwark.core.Location.of(problem.substring(0, colon)),
                    problem.substring(colon + 2)));
        }
        return new RbacQuery(model, errors);
    }

    /** Files that could not be read, and RBAC objects that do not fit their schema. */
    public List<FileError> errors() {
        return errors;
    }

    /** True when the files held at least one binding or role. */
    public boolean hasRbacObjects() {
        return !model.bindings().isEmpty() || !model.scannedRoles().isEmpty();
    }

    /**
     * Who may perform {@code verb} on {@code resource} ({@code pods}, {@code pods/exec}, {@code deployments.apps})?
     *
     * @param namespace the namespace of the request, or {@code null} for any namespace (each grant names its scope)
     */
    public WhoCanAnswer whoCan(String verb, String resource, String namespace) {
        Permission permission = Permission.parse(verb, resource);
        boolean clusterScoped = CLUSTER_SCOPED.contains(permission.resource());
        List<RbacGrant> grants = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (BindingDefinition binding : model.bindings()) {
            boolean roleBinding = binding.kind().equals("RoleBinding");
            if (roleBinding && (clusterScoped || namespace != null && !binding.namespace().equals(namespace))) {
                continue;
            }
            Optional<RoleDefinition> role = model.roleOf(binding);
            if (role.isEmpty()) {
                unresolved.add(binding.resource().id() + " -> " + binding.roleKind() + "/" + binding.roleName()
                        + " (" + binding.resource().location().path() + ":" + binding.resource().startLine() + ")");
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            boolean allows = false;
            boolean unrestricted = false;
            for (Rule rule : role.get().rules()) {
                if (rule.allows(permission)) {
                    allows = true;
                    if (rule.resourceNames().isEmpty()) {
                        unrestricted = true;
                    } else {
                        names.addAll(rule.resourceNames());
                    }
                }
            }
            if (!allows) {
                continue;
            }
            for (Subject subject : binding.subjects()) {
                grants.add(new RbacGrant(subject.kind(), subject.name(), subject.namespace(),
                        roleBinding ? binding.namespace() : "cluster", binding.resource().id(), role.get().id(),
                        unrestricted ? List.of() : List.copyOf(names), binding.resource().location(),
                        binding.resource().startLine()));
            }
        }
        String question = permission + (namespace == null ? "" : " in namespace " + namespace);
        return new WhoCanAnswer(question, grants, unresolved);
    }
}
