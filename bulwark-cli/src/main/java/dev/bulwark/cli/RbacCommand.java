package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.config.FileError;
import dev.bulwark.config.RbacGrant;
import dev.bulwark.config.RbacQuery;
import dev.bulwark.config.WhoCanAnswer;
import dev.bulwark.core.InputException;
import dev.bulwark.core.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulwark rbac}: questions about the RBAC objects of Kubernetes manifests. */
@Command(name = "rbac", sortOptions = false,
        header = "Answer RBAC questions about Kubernetes manifests.",
        subcommands = {RbacCommand.WhoCan.class})
final class RbacCommand implements Callable<Integer> {

    @ParentCommand
    BulwarkCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(root.environment().err());
        root.environment().err().println();
        root.environment().err().println("bulwark: missing rbac command (who-can)");
        return ExitCodes.USAGE;
    }

    @Command(name = "who-can", sortOptions = false,
            header = "List the subjects that may perform VERB on RESOURCE, and through which binding.",
            description = "RESOURCE is written as kubectl does: pods, pods/exec, deployments.apps. Roles the files "
                    + "do not define but Kubernetes ships (cluster-admin, admin, edit, view) are known; bindings "
                    + "to other unknown roles are listed as unresolved.")
    static final class WhoCan implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @ParentCommand
        private RbacCommand rbac;

        @Parameters(index = "0", paramLabel = "VERB", description = "The verb: get, list, create, delete, ...")
        private String verb;

        @Parameters(index = "1", paramLabel = "RESOURCE", description = "The resource, e.g. secrets or pods/exec.")
        private String resource;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "FILE",
                description = "Manifests or directories holding Roles, ClusterRoles and their bindings.")
        private List<Path> files;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", order = 1,
                description = "The namespace of the request (default: any namespace, each answer names its scope).")
        private String namespace;

        @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT", order = 2,
                description = "table or json (default: ${DEFAULT-VALUE}).")
        private String format;

        @Override
        public Integer call() {
            if (!format.equals("table") && !format.equals("json")) {
                throw new UsageException("--format", "unknown format '" + format + "' (expected table or json)");
            }
            BulwarkCommand root = rbac.root;
            Map<Path, String> inputs = new LinkedHashMap<>();
            for (Path file : files) {
                inputs.put(root.resolve(file), file.toString());
            }
            RbacQuery query = RbacQuery.load(inputs);
            for (FileError error : query.errors()) {
                root.environment().err().println("bulwark: " + error);
            }
            root.environment().err().flush();
            if (!query.hasRbacObjects() && !query.errors().isEmpty()) {
                throw new InputException("bulwark rbac who-can", "no RBAC objects could be read");
            }
            WhoCanAnswer answer = query.whoCan(verb, resource, namespace);
            root.environment().out().print(format.equals("json") ? json(answer) : table(answer));
            root.environment().out().flush();
            return ExitCodes.OK;
        }

        static String table(WhoCanAnswer answer) {
            StringBuilder out = new StringBuilder("who can ").append(answer.question()).append(":\n");
            if (answer.grants().isEmpty()) {
                out.append("  nobody, according to these files\n");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SUBJECT", "SCOPE", "VIA", "WHERE"});
                for (RbacGrant grant : answer.grants()) {
                    String via = grant.binding() + " -> " + grant.role()
                            + (grant.resourceNames().isEmpty() ? "" : " (only " + String.join(", ",
                            grant.resourceNames()) + ")");
                    rows.add(new String[] {grant.subject(), grant.scope(), via,
                            grant.location().path() + ":" + grant.line()});
                }
                int[] widths = new int[4];
                for (String[] row : rows) {
                    for (int i = 0; i < 3; i++) {
                        widths[i] = Math.max(widths[i], row[i].length());
                    }
                }
                for (String[] row : rows) {
                    out.append("  ");
                    for (int i = 0; i < 4; i++) {
                        out.append(row[i]);
                        if (i < 3) {
                            out.append(" ".repeat(widths[i] - row[i].length() + 2));
                        }
                    }
                    out.append('\n');
                }
            }
            if (!answer.unresolved().isEmpty()) {
                out.append("\nbindings to roles not in the files (may also allow it):\n");
                answer.unresolved().forEach(u -> out.append("  ").append(u).append('\n'));
            }
            return out.toString();
        }

        static String json(WhoCanAnswer answer) {
            ObjectNode root = JSON.createObjectNode().put("question", answer.question());
            ArrayNode grants = root.putArray("grants");
            for (RbacGrant grant : answer.grants()) {
                ObjectNode node = grants.addObject().put("subjectKind", grant.subjectKind())
                        .put("subjectName", grant.subjectName()).put("subjectNamespace", grant.subjectNamespace())
                        .put("scope", grant.scope()).put("binding", grant.binding()).put("role", grant.role())
                        .put("path", grant.location().path()).put("line", grant.line());
                grant.resourceNames().forEach(node.putArray("resourceNames")::add);
            }
            answer.unresolved().forEach(root.putArray("unresolved")::add);
            try {
                return JSON.writeValueAsString(root) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON", e);
            }
        }
    }
}
