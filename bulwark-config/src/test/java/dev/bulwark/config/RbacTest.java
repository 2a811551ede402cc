package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Misconfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacTest {

    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: secret-reader}
            rules:
              - apiGroups: [""]
                resources: ["configmaps"]
                verbs: ["get"]
              - apiGroups: [""]
                resources: ["secrets"]
                verbs: ["get", "list"]
                resourceNames: ["db-password"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: aggregate}
            aggregationRule:
              clusterRoleSelectors: [{matchLabels: {extra: "true"}}]
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: exec-part, labels: {extra: "true"}}
            rules:
              - apiGroups: ["*"]
                resources: ["*/exec"]
                verbs: ["create"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: readers, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
            subjects: [{kind: ServiceAccount, name: default}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: aggregated}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: aggregate}
            subjects: [{kind: Group, name: devs}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: everyone-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: Group, name: system:authenticated}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:controller:thing", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: User, name: "system:kube-controller-manager"}]
            """;

    @TempDir
    Path dir;

    private RbacQuery query() throws IOException {
        Files.writeString(dir.resolve("rbac.yaml"), RBAC);
        return RbacQuery.load(Map.of(dir.resolve("rbac.yaml"), "rbac.yaml"));
    }

    @Test
    void whoCanFollowsBindingsRolesAndResourceNames() throws IOException {
        WhoCanAnswer answer = query().whoCan("get", "secrets", "shop");

        assertThat(answer.question()).isEqualTo("get secrets in namespace shop");
        assertThat(answer.grants()).extracting(RbacGrant::subject, RbacGrant::scope, RbacGrant::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ServiceAccount shop/default", "shop",
                                "ClusterRole/secret-reader"),
                        org.assertj.core.groups.Tuple.tuple("Group system:authenticated", "cluster",
                                "ClusterRole/cluster-admin"),
                        org.assertj.core.groups.Tuple.tuple("User system:kube-controller-manager", "cluster",
                                "ClusterRole/cluster-admin"));
        assertThat(answer.grants()).filteredOn(g -> g.scope().equals("shop")).singleElement()
                .satisfies(g -> assertThat(g.resourceNames()).containsExactly("db-password"));
    }

    @Test
    void namespaceLimitsRoleBindingsAndClusterScopedResourcesNeedClusterBindings() throws IOException {
        RbacQuery query = query();

        assertThat(query.whoCan("get", "secrets", "other").grants()).extracting(RbacGrant::scope)
                .containsOnly("cluster");
        assertThat(query.whoCan("delete", "nodes", null).grants()).extracting(RbacGrant::scope)
                .containsOnly("cluster");
    }

    @Test
    void aggregatedClusterRolesAndSubresourceWildcardsGrantExec() throws IOException {
        WhoCanAnswer answer = query().whoCan("create", "pods/exec", null);

        assertThat(answer.grants()).extracting(RbacGrant::subject).contains("Group devs");
        assertThat(query().whoCan("create", "pods", null).grants()).extracting(RbacGrant::subject)
                .doesNotContain("Group devs");
    }

    @Test
    void unknownRolesAreUnresolvedNotGuessed() throws IOException {
        Files.writeString(dir.resolve("rbac.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: mystery, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: vendor-role}
                subjects: [{kind: User, name: bob}]
                """);
        WhoCanAnswer answer = RbacQuery.load(Map.of(dir, ".")).whoCan("get", "pods", "shop");

        assertThat(answer.grants()).isEmpty();
        assertThat(answer.unresolved()).containsExactly(
                "RoleBinding/shop/mystery -> ClusterRole/vendor-role (rbac.yaml:1)");
    }

    @Test
    void riskyRolesAndBindingsAreReportedAtTheirRules() {
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults()).newScan();
        scan.add("rbac.yaml", new ByteArrayInputStream(RBAC.getBytes(StandardCharsets.UTF_8)));
        List<Misconfiguration> findings = scan.finish().findings();

        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-002")).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("ClusterRole/secret-reader");
            assertThat(f.startLine()).isEqualTo(8);
            assertThat(f.endLine()).isEqualTo(11);
        });
        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-003"))
                .extracting(Misconfiguration::resource).as("aggregation copies the exec rule")
                .containsExactly("ClusterRole/aggregate", "ClusterRole/exec-part");
        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-010"))
                .extracting(Misconfiguration::resource).containsExactly("ClusterRoleBinding/everyone-admin");
        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-013"))
                .extracting(Misconfiguration::message).containsExactly("binds system:authenticated");
        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-012"))
                .extracting(Misconfiguration::resource).containsExactly("RoleBinding/shop/readers");
        assertThat(findings).filteredOn(f -> f.checkId().equals("BW-RBAC-011"))
                .extracting(Misconfiguration::resource).containsExactly("ClusterRoleBinding/aggregated",
                        "ClusterRoleBinding/everyone-admin");
    }
}
