package dev.bulwark.config.internal.rbac;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.config.internal.rbac.RbacModel.BindingDefinition;
import dev.bulwark.config.internal.rbac.RbacModel.RoleDefinition;
import dev.bulwark.config.internal.rbac.RbacModel.Subject;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The RBAC checks: roles that grant risky permissions (judged on every Role and ClusterRole of the scan that
 * Kubernetes does not manage itself) and bindings that hand out too much (cluster-admin, exec into pods, the default
 * ServiceAccount, anonymous users).
 */
public final class RbacChecks {

    private static final List<String> ALL_VERBS = List.of("get", "list", "watch", "create", "update", "patch",
            "delete");

    private RbacChecks() {
    }

    public static List<ClusterCheck> all() {
        return List.of(
                roleCheck("BW-RBAC-001", Severity.HIGH, "Role uses wildcards",
                        "A '*' in verbs, resources or apiGroups grants everything that exists now and every resource "
                                + "and verb added later, including ones nobody reviewed.",
                        "List the verbs, resources and API groups explicitly.",
                        List.of("CKV_K8S_49", "KSV-0044", "KSV-0045", "KSV-0046"), Rule::hasWildcard),
                roleCheck("BW-RBAC-002", Severity.HIGH, "Role can read Secrets",
                        "get, list or watch on secrets reads every credential of the namespace (or cluster), "
                                + "including service account tokens of more privileged workloads.",
                        "Grant access to the specific Secrets (resourceNames) the workload needs, or mount them.",
                        List.of("KSV-0041"), permissions("get secrets", "list secrets", "watch secrets")),
                roleCheck("BW-RBAC-003", Severity.HIGH, "Role can exec or attach into pods",
                        "pods/exec and pods/attach run commands in any pod the role covers, with that pod's "
                                + "service account and secrets: lateral movement in one step.",
                        "Remove pods/exec and pods/attach; use them only in break-glass roles.",
                        List.of("rolePodExecAttach", "clusterrolePodExecAttach", "KSV-0053"),
                        permissions("create pods/exec", "get pods/exec", "create pods/attach", "get pods/attach")),
                roleCheck("BW-RBAC-004", Severity.MEDIUM, "Role can create pods or workloads",
                        "Whoever creates pods chooses their service account, volumes and security context, so the "
                                + "permission is worth every secret and privilege available in the namespace.",
                        "Let controllers (CI, GitOps) create workloads; give people read access.",
                        List.of("KSV-0048"), permissions("create pods", "create deployments", "create daemonsets",
                                "create statefulsets", "create replicasets", "create jobs", "create cronjobs",
                                "create replicationcontrollers")),
                roleCheck("BW-RBAC-005", Severity.CRITICAL, "Role can escalate roles",
                        "The escalate verb on roles lets a subject edit a role to include permissions it does not "
                                + "hold itself, bypassing RBAC's privilege-escalation prevention.",
                        "Remove escalate from roles that are not for cluster administrators.",
                        List.of("CKV_K8S_158"), permissions("escalate roles", "escalate clusterroles")),
                roleCheck("BW-RBAC-014", Severity.CRITICAL, "Role can bind roles",
                        "The bind verb on roles lets a subject create bindings to roles with permissions it does not "
                                + "hold itself, bypassing RBAC's privilege-escalation prevention.",
                        "Remove bind from roles that are not for cluster administrators.",
                        List.of("CKV_K8S_157"), permissions("bind roles", "bind clusterroles")),
                roleCheck("BW-RBAC-015", Severity.CRITICAL, "Role can impersonate users, groups or service accounts",
                        "impersonate lets a subject send requests as any user, group or service account it covers, "
                                + "with all of their permissions.",
                        "Remove impersonate, or limit it with resourceNames to the identities that are needed.",
                        List.of("KSV-0043"), permissions("impersonate users", "impersonate groups",
                                "impersonate serviceaccounts")),
                roleCheck("BW-RBAC-006", Severity.HIGH, "Role can proxy to nodes",
                        "nodes/proxy reaches the kubelet API of every node, which runs commands in any pod and "
                                + "bypasses audit logging of the API server.",
                        "Remove nodes/proxy; monitoring agents need nodes/metrics or nodes/stats only.",
                        List.of("KSV-0047"), permissions("get nodes/proxy", "create nodes/proxy")),
                roleCheck("BW-RBAC-007", Severity.HIGH, "Role can create service account tokens",
                        "create on serviceaccounts/token mints tokens for any service account the role covers, "
                                + "including more privileged ones.",
                        "Remove serviceaccounts/token create, or limit it with resourceNames.",
                        List.of(), permissions("create serviceaccounts/token")),
                roleCheck("BW-RBAC-008", Severity.HIGH, "Role can approve certificate signing requests",
                        "Approving CSRs for the kubelet or kube-apiserver-client signers issues client "
                                + "certificates for any identity, including system:masters.",
                        "Leave CSR approval to the controller manager and cluster administrators.",
                        List.of("CKV_K8S_156"), permissions("update certificatesigningrequests/approval",
                                "patch certificatesigningrequests/approval"), permissions("approve signers")),
                roleCheck("BW-RBAC-009", Severity.HIGH, "Role can change admission webhooks",
                        "Whoever writes validating or mutating webhook configurations can disable policy "
                                + "enforcement or inject containers into every new pod.",
                        "Restrict webhook configuration writes to cluster administrators.",
                        List.of("CKV_K8S_155"), permissions("create validatingwebhookconfigurations",
                                "update validatingwebhookconfigurations", "patch validatingwebhookconfigurations",
                                "create mutatingwebhookconfigurations", "update mutatingwebhookconfigurations",
                                "patch mutatingwebhookconfigurations")),
                new BindingCheck(describe("BW-RBAC-010", Severity.CRITICAL,
                        "Binding grants cluster-admin-level permissions",
                        "A binding to a role with every verb on every resource (cluster-admin or an equivalent) "
                                + "makes its subjects administrators of the cluster (or namespace).",
                        "Bind a role with the permissions the subject needs; keep cluster-admin for break-glass.",
                        List.of("clusterrolebindingClusterAdmin", "rolebindingClusterAdminClusterRole",
                                "rolebindingClusterAdminRole")),
                        (binding, role) -> role != null && role.rules().stream().anyMatch(RbacChecks::isAdminRule)
                                ? "binds " + role.id() + ", which grants every verb on every resource" : null),
                new BindingCheck(describe("BW-RBAC-011", Severity.HIGH, "Binding grants exec or attach into pods",
                        "The subjects can run commands in the pods the binding covers, with their service "
                                + "accounts and secrets.",
                        "Bind a role without pods/exec and pods/attach.",
                        List.of("clusterrolebindingPodExecAttach", "rolebindingClusterRolePodExecAttach",
                                "rolebindingRolePodExecAttach")),
                        (binding, role) -> role != null && role.rules().stream().anyMatch(permissions(
                                "create pods/exec", "get pods/exec", "create pods/attach", "get pods/attach"))
                                ? "binds " + role.id() + ", which allows exec or attach into pods" : null),
                new BindingCheck(describe("BW-RBAC-012", Severity.MEDIUM,
                        "Binding gives permissions to a default ServiceAccount",
                        "Every pod that names no ServiceAccount runs as 'default'; permissions bound to it go to all "
                                + "of them.",
                        "Create a dedicated ServiceAccount for the workload that needs the permissions.",
                        List.of("CKV_K8S_42")),
                        (binding, role) -> binding.subjects().stream().anyMatch(s -> s.kind().equals(
                                "ServiceAccount") && s.name().equals("default"))
                                ? "binds a default ServiceAccount" : null),
                new BindingCheck(describe("BW-RBAC-013", Severity.CRITICAL,
                        "Binding gives permissions to anonymous or all authenticated users",
                        "system:anonymous, system:unauthenticated and system:authenticated include everyone who "
                                + "can reach the API server (with any valid credential, or none).",
                        "Remove these subjects; bind specific users, groups or service accounts.",
                        List.of("BindingsToSystemAnonymous")),
                        (binding, role) -> binding.subjects().stream().map(Subject::name).filter(Set.of(
                                "system:anonymous", "system:unauthenticated", "system:authenticated")::contains)
                                .findFirst().map(name -> "binds " + name).orElse(null)));
    }

    /** True for a rule equivalent to cluster-admin: every (listed or wildcard) verb on every resource and group. */
    static boolean isAdminRule(Rule rule) {
        return rule.apiGroups().contains("*") && rule.resources().contains("*")
                && (rule.verbs().contains("*") || rule.verbs().containsAll(ALL_VERBS));
    }

    /** A rule predicate: true when the rule allows any of {@code permissions} ("verb resource[/sub][.group]"). */
    static Predicate<Rule> permissions(String... permissions) {
        List<Permission> parsed = new ArrayList<>();
        for (String permission : permissions) {
            String[] parts = permission.split(" ");
            parsed.add(Permission.parse(parts[0], parts[1]));
        }
        return rule -> parsed.stream().anyMatch(rule::allows);
    }

    private static CheckDescriptor describe(String id, Severity severity, String title, String rationale,
                                            String resolution, List<String> aliases) {
        return new CheckDescriptor(id, aliases, title, severity, FileType.KUBERNETES, rationale, resolution,
                List.of("https://kubernetes.io/docs/concepts/security/rbac-good-practices/"), Set.of("rbac"));
    }

    /**
     * A check on roles; {@code operations} are the permission sets a role must all grant (possibly through different
     * rules) to fail, e.g. approving CSRs needs both the approval subresource and the signer.
     */
    @SafeVarargs
    private static ClusterCheck roleCheck(String id, Severity severity, String title, String rationale,
                                          String resolution, List<String> aliases, Predicate<Rule>... operations) {
        return new RoleCheck(describe(id, severity, title, rationale, resolution, aliases), List.of(operations));
    }

    /** Judges every scanned, user-managed Role and ClusterRole by its rules. */
    private record RoleCheck(CheckDescriptor descriptor, List<Predicate<Rule>> operations) implements ClusterCheck {
        @Override
        public List<Judgement> check(ClusterView cluster) {
            List<Judgement> judgements = new ArrayList<>();
            for (RoleDefinition role : RbacModel.of(cluster).scannedRoles()) {
                if (RbacModel.isManaged(role)) {
                    continue;
                }
                List<Violation> violations = new ArrayList<>();
                boolean all = operations.stream().allMatch(op -> role.rules().stream().anyMatch(op));
                for (Rule rule : role.rules()) {
                    if (all && operations.stream().anyMatch(op -> op.test(rule))) {
                        violations.add(atRule(role.resource(), rule, role.id() + " rule " + (rule.index() + 1)
                                + " allows " + String.join(",", rule.verbs()) + " on "
                                + String.join(",", rule.resources())));
                    }
                }
                judgements.add(new Judgement(role.resource(), violations));
            }
            return judgements;
        }
    }

    /** The violation at a rule's lines (the whole role when the rule's lines are not known). */
    static Violation atRule(KubernetesResource role, Rule rule, String message) {
        List<Object> rules = KubernetesResource.list(role.object().get("rules"));
        if (rule.index() < rules.size()) {
            Object item = rules.get(rule.index());
            int start = role.sourceMap().startLine(item);
            if (start > 0) {
                return new Violation(start, role.sourceMap().endLine(item), role.id(), message);
            }
        }
        return new Violation(role.startLine(), role.endLine(), role.id(), message);
    }

    /** The reason a binding is risky, or {@code null}; the role is {@code null} when it is not known. */
    @FunctionalInterface
    interface BindingRisk {
        String reason(BindingDefinition binding, RoleDefinition role);
    }

    /** Judges every RoleBinding and ClusterRoleBinding that Kubernetes does not manage itself. */
    private record BindingCheck(CheckDescriptor descriptor, BindingRisk risk) implements ClusterCheck {
        @Override
        public List<Judgement> check(ClusterView cluster) {
            RbacModel model = RbacModel.of(cluster);
            List<Judgement> judgements = new ArrayList<>();
            for (BindingDefinition binding : model.bindings()) {
                if (binding.isManaged()) {
                    continue;
                }
                String reason = risk.reason(binding, model.roleOf(binding).orElse(null));
                KubernetesResource resource = binding.resource();
                judgements.add(new Judgement(resource, reason == null ? List.of()
                        : List.of(new Violation(resource.startLine(), resource.endLine(), resource.id(), reason))));
            }
            return judgements;
        }
    }
}
