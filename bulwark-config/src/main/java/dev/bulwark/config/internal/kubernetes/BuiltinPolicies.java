package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.config.internal.cel.PolicyDefinition;
import dev.bulwark.config.internal.cel.PolicyException;
import dev.bulwark.config.internal.cel.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The built-in Kubernetes policies, shipped as CEL policy files users can read and copy. */
public final class BuiltinPolicies {

    /** The bundled policy files, in check-id order. */
    public static final List<String> FILES = List.of("pod-security-standards.yaml", "best-practices.yaml");

    private BuiltinPolicies() {
    }

    /** The built-in policy definitions (parsed, not compiled). */
    public static List<PolicyDefinition> definitions() {
        List<PolicyDefinition> definitions = new ArrayList<>();
        for (String file : FILES) {
            definitions.addAll(load(file));
        }
        return definitions;
    }

    /**
     * The policy {@code id} as a policy file of its own (the bundled file's header comment, which explains the
     * variables, then the policy exactly as written), for users to copy and change; empty when no built-in policy
     * has that id.
     */
    public static Optional<String> source(String id) {
        for (String file : FILES) {
            List<String> lines = text(file).lines().toList();
            int policies = lines.indexOf("policies:");
            for (int i = policies + 1; policies >= 0 && i < lines.size(); i++) {
                String line = lines.get(i);
                int indent = line.indexOf("- id: ");
                if (indent < 0 || !line.substring(0, indent).isBlank()
                        || !line.substring(indent + "- id: ".length()).strip().equals(id)) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && (lines.get(end).isBlank() || indentation(lines.get(end)) > indent)) {
                    end++;
                }
                while (lines.get(end - 1).isBlank()) {
                    end--;
                }
                StringBuilder out = new StringBuilder();
                lines.subList(0, policies).forEach(l -> out.append(l).append('\n'));
                out.append("# ").append(id).append(" as shipped in ").append(file)
                        .append("; give your copy an id of its own.\npolicies:\n");
                lines.subList(i, end).forEach(l -> out.append(l).append('\n'));
                return Optional.of(out.toString());
            }
        }
        return Optional.empty();
    }

    private static int indentation(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }

    /** The text of a bundled policy file. */
    public static String text(String file) {
        String resource = "/dev/bulwark/config/policies/kubernetes/" + file;
        try (InputStream in = BuiltinPolicies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy file " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PolicyDefinition> load(String file) {
        try {
            return PolicyLoader.load(text(file), "built-in " + file);
        } catch (PolicyException e) {
            throw new IllegalStateException("built-in policy file is invalid: " + e.getMessage(), e);
        }
    }
}
