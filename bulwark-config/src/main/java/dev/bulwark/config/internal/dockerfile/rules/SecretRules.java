package dev.bulwark.config.internal.dockerfile.rules;

import static dev.bulwark.config.internal.dockerfile.rules.Rule.rule;

import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.EnvPairs;
import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Secrets baked into the image through ENV or ARG. */
public final class SecretRules {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(passw(or)?d|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential"
                    + "|client[_-]?secret|auth[_-]?key|\\bpwd\\b|_pwd$|^pwd_).*");
    private static final Pattern NOT_A_SECRET = Pattern.compile(
            "(?i).*(_file|_path|_dir|_url|_uri|_length|_len|_min|_max|_policy|_endpoint|_name|_id|_type|_ttl"
                    + "|_expiry|_expires|_timeout|_header|_location)$");

    private SecretRules() {
    }

    static List<DockerfileRule> all() {
        return List.of(secretInEnvOrArg());
    }

    /** True when an environment variable or build argument of this name probably holds a secret. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches() && !NOT_A_SECRET.matcher(name).matches();
    }

    /** True when {@code value} is a literal (not empty, not only a variable reference). */
    public static boolean isLiteral(String value) {
        return value != null && !value.isBlank() && !value.strip().matches("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");
    }

    private static DockerfileRule secretInEnvOrArg() {
        return rule("BW-DS-082", Severity.CRITICAL, "Secret passed through ENV or ARG", "DS-0031")
                .why("ENV values are stored in the image config and ARG values in its history (docker history "
                        + "shows them); anyone who can pull the image can read the secret.")
                .fix("Use a build secret (RUN --mount=type=secret) at build time and inject runtime secrets from the "
                        + "orchestrator.")
                .check(context -> {
                    List<Violation> violations = new ArrayList<>();
                    for (Instruction instruction : context.instructions()) {
                        Instruction effective = instruction.effective();
                        if (effective.is("ENV")) {
                            for (Map.Entry<String, String> pair : EnvPairs.of(effective).entrySet()) {
                                if (isSecretName(pair.getKey()) && isLiteral(pair.getValue())) {
                                    violations.add(context.at(instruction, "ENV " + pair.getKey()
                                            + " stores a secret in the image config"));
                                }
                            }
                        } else if (effective.is("ARG") && !context.isHistory()) {
                            for (String name : DockerfileContext.argDefaults(effective).keySet()) {
                                if (isSecretName(name)) {
                                    violations.add(context.at(instruction, "ARG " + name
                                            + " exposes a secret in the image history"));
                                }
                            }
                        }
                    }
                    return violations;
                });
    }
}
