package dev.bulwark.config.internal.image;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.check.CheckResults;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileChecker;
import dev.bulwark.config.internal.dockerfile.rules.SecretRules;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a built image's config: the user it runs as, its healthcheck, exposed remote-login ports, secrets in the
 * environment and in recorded build arguments; then runs the history-capable Dockerfile rules on the history rebuilt
 * as instructions ({@link HistoryInstructions}).
 */
public final class ImageConfigChecker {

    static final CheckDescriptor ROOT_USER = describe("BW-IMG-001", Severity.HIGH, "Image runs as root",
            "The image config sets no User (or root/0), so containers run as root unless the runtime overrides it.",
            "Set USER to an unprivileged user in the Dockerfile's final stage.", "DS-0002", "DL3002");
    static final CheckDescriptor NO_HEALTHCHECK = describe("BW-IMG-002", Severity.LOW, "Image defines no healthcheck",
            "Without a Healthcheck, Docker only knows whether the process exists, not whether it works.",
            "Add a HEALTHCHECK instruction (Kubernetes workloads use probes instead).", "DS-0026");
    static final CheckDescriptor REMOTE_LOGIN_PORT = describe("BW-IMG-003", Severity.MEDIUM,
            "Image exposes a remote-login port (22 or 23)",
            "SSH and telnet daemons in containers are extra, rarely patched entry points.",
            "Remove the daemon and the EXPOSE; use docker exec / kubectl exec.", "DS-0004");
    static final CheckDescriptor ENV_SECRET = describe("BW-IMG-004", Severity.CRITICAL,
            "Image environment contains a secret",
            "Env values are part of the image config; anyone who can pull the image can read them.",
            "Inject secrets at runtime (orchestrator secrets, mounted files) instead of baking them in.", "DS-0031");
    static final CheckDescriptor BUILD_ARG_SECRET = describe("BW-IMG-005", Severity.HIGH,
            "Image history records a secret build argument",
            "Build arguments used by RUN steps are recorded in the image history with their values.",
            "Use RUN --mount=type=secret for build-time secrets and rotate the exposed one.", "DS-0031");

    private final DockerfileChecker history;

    public ImageConfigChecker(DockerfileChecker history) {
        this.history = history;
    }

    /** The image-config checks (the history rules are described by the Dockerfile rules). */
    public static List<CheckDescriptor> descriptors() {
        return List.of(ROOT_USER, NO_HEALTHCHECK, REMOTE_LOGIN_PORT, ENV_SECRET, BUILD_ARG_SECRET);
    }

    public void check(ImageConfig config, CheckFilter filter, CheckResults results) {
        record(filter, results, ROOT_USER, rootUser(config));
        record(filter, results, NO_HEALTHCHECK, noHealthcheck(config));
        record(filter, results, REMOTE_LOGIN_PORT, remoteLoginPorts(config));
        record(filter, results, ENV_SECRET, envSecrets(config));
        record(filter, results, BUILD_ARG_SECRET, buildArgSecrets(config));
        history.check(HistoryInstructions.rebuild(config.history()), true, filter, results);
    }

    private static void record(CheckFilter filter, CheckResults results, CheckDescriptor check,
                               List<Violation> violations) {
        if (filter.enabled(check)) {
            results.record(check, violations);
        }
    }

    private static List<Violation> rootUser(ImageConfig config) {
        String user = config.user().strip();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.equals("root") || name.equals("0")) {
            return List.of(new Violation(0, 0, "", user.isEmpty() ? "no User is set, so the image runs as root"
                    : "User is '" + user + "'"));
        }
        return List.of();
    }

    private static List<Violation> noHealthcheck(ImageConfig config) {
        List<String> test = config.healthcheck();
        if (test.isEmpty() || test.getFirst().equalsIgnoreCase("NONE")) {
            return List.of(new Violation(0, 0, "", "no Healthcheck in the image config"));
        }
        return List.of();
    }

    private static List<Violation> remoteLoginPorts(ImageConfig config) {
        List<Violation> violations = new ArrayList<>();
        for (String port : config.exposedPorts()) {
            String number = port.contains("/") ? port.substring(0, port.indexOf('/')) : port;
            String protocol = port.contains("/") ? port.substring(port.indexOf('/') + 1).toLowerCase(Locale.ROOT)
                    : "tcp";
            if (protocol.equals("tcp") && Set.of("22", "23").contains(number)) {
                violations.add(new Violation(0, 0, "", "exposes " + port
                        + (number.equals("22") ? " (SSH)" : " (telnet)")));
            }
        }
        return violations;
    }

    private static List<Violation> envSecrets(ImageConfig config) {
        List<Violation> violations = new ArrayList<>();
        for (String entry : config.env()) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = entry.substring(0, equals);
            if (SecretRules.isSecretName(name) && SecretRules.isLiteral(entry.substring(equals + 1))) {
                violations.add(new Violation(0, 0, "", "Env " + name + " holds a secret value"));
            }
        }
        return violations;
    }

    private static List<Violation> buildArgSecrets(ImageConfig config) {
        List<Violation> violations = new ArrayList<>();
        for (HistoryInstructions.BuildArg arg : HistoryInstructions.buildArgs(config.history())) {
            if (SecretRules.isSecretName(arg.name()) && SecretRules.isLiteral(arg.value())) {
                violations.add(new Violation(arg.step(), arg.step(), "", "history step " + arg.step()
                        + " records build argument " + arg.name()));
            }
        }
        return violations;
    }

    private static CheckDescriptor describe(String id, Severity severity, String title, String rationale,
                                            String resolution, String... aliases) {
        return new CheckDescriptor(id, List.of(aliases), title, severity, FileType.IMAGE_CONFIG, rationale,
                resolution, List.of("https://docs.docker.com/build/building/best-practices/"), Set.of("image"));
    }
}
