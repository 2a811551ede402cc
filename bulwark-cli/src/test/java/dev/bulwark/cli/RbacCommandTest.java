package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(dir, Map.of("HOME", dir.toString()), args);
    }

    @Test
    void whoCanListsSubjectsBindingsAndRoles() throws Exception {
        Files.writeString(dir.resolve("rbac.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: debugger, namespace: shop}
                rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: debuggers, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: debugger}
                subjects: [{kind: User, name: alice}]
                """);

        CliRun table = run("rbac", "who-can", "create", "pods/exec", "-n", "shop", "rbac.yaml");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).startsWith("who can create pods/exec in namespace shop:")
                .containsPattern("User alice +shop +RoleBinding/shop/debuggers -> Role/shop/debugger +rbac.yaml:6");

        CliRun other = run("rbac", "who-can", "create", "pods/exec", "-n", "other", "rbac.yaml");
        assertThat(other.out()).contains("nobody, according to these files");

        JsonNode json = new ObjectMapper().readTree(run("rbac", "who-can", "create", "pods/exec", "--format",
                "json", "rbac.yaml").out());
        assertThat(json.get("grants").get(0).get("subjectName").asText()).isEqualTo("alice");
    }

    @Test
    void exitsThreeWhenNoFileCouldBeRead() {
        CliRun result = run("rbac", "who-can", "get", "secrets", "missing.yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("missing.yaml: cannot read: no such file");
    }
}
