package dev.bulwark.config.internal.cel;

import dev.bulwark.config.internal.kubernetes.BuiltinPolicies;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step (run by the module's POM after compilation): type-checks every expression of the built-in policies and
 * stores the checked syntax trees next to the classes, so the CLI does not parse and type-check some 200 CEL
 * expressions on every start. {@link CelEngine} uses a stored tree only for the exact expression text it was built
 * from; anything else (custom policies, an edited built-in) is compiled at run time as usual.
 */
public final class PolicyPrecompiler {

    private PolicyPrecompiler() {
    }

    public static void main(String[] args) throws IOException, PolicyException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PolicyPrecompiler OUTPUT_FILE");
        }
        CelEngine engine = new CelEngine(Map.of());
        Map<String, byte[]> checked = new java.util.TreeMap<>();
        for (PolicyDefinition policy : BuiltinPolicies.definitions()) {
            checked.putAll(engine.checkedExpressions(policy));
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.getParent());
        try (OutputStream file = Files.newOutputStream(output); DataOutputStream out = new DataOutputStream(file)) {
            out.writeInt(checked.size());
            for (Map.Entry<String, byte[]> entry : checked.entrySet()) {
                byte[] expression = entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(expression.length);
                out.write(expression);
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        }
    }
}
