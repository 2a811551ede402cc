package dev.bulwark.config;

import dev.bulwark.config.internal.cel.CelEngine;
import dev.bulwark.config.internal.cel.PolicyDefinition;
import dev.bulwark.config.internal.cel.PolicyException;
import dev.bulwark.config.internal.cel.PolicyLoader;
import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.check.InputFiles;
import dev.bulwark.config.internal.dockerfile.DockerfileChecker;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.rules.DockerfileRules;
import dev.bulwark.config.internal.image.ImageConfigChecker;
import dev.bulwark.config.internal.kubernetes.BuiltinPolicies;
import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.kubernetes.KubernetesChecker;
import dev.bulwark.config.internal.kubernetes.checks.ClusterChecks;
import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The misconfiguration scanner: built once with its options (which checks run, custom policies), then used for any
 * number of scans. Each {@link ConfigScan} collects files and image configs and reports when finished, because some
 * Kubernetes checks look across files (a namespace without a NetworkPolicy, who is bound to what).
 *
 * <pre>{@code
 * ConfigScanner scanner = ConfigScanner.create(ConfigScanOptions.defaults());
 * ConfigScan scan = scanner.newScan();
 * scan.addPath(Path.of("deploy/"));
 * scan.addImageConfig(image.config(), "(image config)");
 * ConfigReport report = scan.finish();
 * }</pre>
 *
 * <p>Thread-safe; a {@link ConfigScan} is not.
 */
public final class ConfigScanner {

    private final ConfigScanOptions options;
    private final CheckFilter filter;
    private final DockerfileChecker dockerfiles;
    private final ImageConfigChecker imageConfigs;
    private final List<PolicyDefinition> policies;
    private final List<ClusterCheck> clusterChecks;
    private KubernetesChecker kubernetes;

    private ConfigScanner(ConfigScanOptions options, List<PolicyDefinition> policies) {
        this.options = options;
        this.filter = new CheckFilter(options.skipChecks(),
                options.compliance() == null ? Set.of() : options.compliance().tags());
        List<DockerfileRule> rules = DockerfileRules.all();
        this.dockerfiles = new DockerfileChecker(rules);
        this.imageConfigs = new ImageConfigChecker(dockerfiles);
        this.policies = List.copyOf(policies);
        this.clusterChecks = ClusterChecks.all();
    }

    /**
     * A scanner with {@code options}.
     *
     * @throws dev.bulwark.core.InputException when a policy file cannot be read or compiled
     */
    public static ConfigScanner create(ConfigScanOptions options) {
        List<PolicyDefinition> policies = new ArrayList<>(BuiltinPolicies.definitions());
        Set<String> ids = new HashSet<>();
        policies.forEach(p -> ids.add(p.descriptor().id()));
        for (Path file : options.policyFiles()) {
            for (PolicyDefinition policy : loadPolicies(file, options.maxFileBytes())) {
                if (!ids.add(policy.descriptor().id())) {
                    throw new InputException(file.toString(), "policy id '" + policy.descriptor().id()
                            + "' is already used by another policy");
                }
                policies.add(policy);
            }
        }
        ConfigScanner scanner = new ConfigScanner(options, policies);
        if (!options.policyFiles().isEmpty()) {
            scanner.kubernetes();
        }
        return scanner;
    }

    private static List<PolicyDefinition> loadPolicies(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return PolicyLoader.load(InputFiles.readText(in, maxBytes), file.toString());
        } catch (PolicyException e) {
            throw new InputException(null, e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read policy file: " + e.getMessage(), e);
        }
    }

    /** Starts a scan. */
    public ConfigScan newScan() {
        return new ConfigScan(this);
    }

    /** Every check this scanner knows (built-in and custom), whether or not the options enable it. */
    public List<CheckDescriptor> checks() {
        List<CheckDescriptor> checks = new ArrayList<>();
        dockerfiles.rules().forEach(rule -> checks.add(rule.descriptor()));
        checks.addAll(ImageConfigChecker.descriptors());
        policies.forEach(policy -> checks.add(policy.descriptor()));
        clusterChecks.forEach(check -> checks.add(check.descriptor()));
        return checks;
    }

    /** The Kubernetes checker, compiling the CEL policies on first use (a scan without manifests never pays). */
    synchronized KubernetesChecker kubernetes() {
        if (kubernetes == null) {
            CelEngine engine = new CelEngine();
            List<CelEngine.CompiledPolicy> compiled = new ArrayList<>();
            for (PolicyDefinition policy : policies) {
                try {
                    compiled.add(engine.compile(policy));
                } catch (PolicyException e) {
                    throw new InputException(null, e.getMessage(), e);
                }
            }
            kubernetes = new KubernetesChecker(compiled, clusterChecks);
        }
        return kubernetes;
    }

    ConfigScanOptions options() {
        return options;
    }

    CheckFilter filter() {
        return filter;
    }

    DockerfileChecker dockerfiles() {
        return dockerfiles;
    }

    ImageConfigChecker imageConfigs() {
        return imageConfigs;
    }
}
