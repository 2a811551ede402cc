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
