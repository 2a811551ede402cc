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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
    private final List<PolicyDefinition> customPolicies;
    private final List<ClusterCheck> clusterChecks;
    private List<PolicyDefinition> policies;
    private KubernetesChecker kubernetes;

    private ConfigScanner(ConfigScanOptions options, List<PolicyDefinition> customPolicies) {
        this.options = options;
        this.filter = new CheckFilter(options.skipChecks(),
                options.compliance() == null ? Set.of() : options.compliance().tags());
        List<DockerfileRule> rules = DockerfileRules.all();
        this.dockerfiles = new DockerfileChecker(rules);
        this.imageConfigs = new ImageConfigChecker(dockerfiles);
        this.customPolicies = List.copyOf(customPolicies);
        this.clusterChecks = ClusterChecks.all();
    }

    /**
     * A scanner with {@code options}.
     *
     * @throws dev.bulwark.core.InputException when a policy file cannot be read or compiled
     */
    public static ConfigScanner create(ConfigScanOptions options) {
        List<PolicyDefinition> custom = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : policyFiles(options.policyFiles())) {
            for (PolicyDefinition policy : loadPolicies(file, options.maxFileBytes())) {
                if (!ids.add(policy.descriptor().id())) {
                    throw new InputException(file.toString(), "policy id '" + policy.descriptor().id()
                            + "' is already used by another policy");
                }
                custom.add(policy);
            }
        }
        ConfigScanner scanner = new ConfigScanner(options, custom);
        if (!custom.isEmpty()) {
            scanner.kubernetes();
        }
        return scanner;
    }

    /**
     * The built-in policies followed by the custom ones, read on first use: a scan of Dockerfiles only never pays
     * for parsing the Kubernetes policy files.
     */
    private synchronized List<PolicyDefinition> policies() {
        if (policies == null) {
            List<PolicyDefinition> all = new ArrayList<>(BuiltinPolicies.definitions());
            Set<String> builtIn = new HashSet<>();
            all.forEach(p -> builtIn.add(p.descriptor().id()));
            for (PolicyDefinition policy : customPolicies) {
                if (builtIn.contains(policy.descriptor().id())) {
                    throw new InputException(policy.source(), "policy id '" + policy.descriptor().id()
                            + "' is already used by another policy");
                }
                all.add(policy);
            }
            policies = List.copyOf(all);
        }
        return policies;
    }

    /** The policy files named, a directory standing for its {@code *.yaml} and {@code *.yml} files (sorted). */
    private static List<Path> policyFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                List<Path> found = walk.filter(Files::isRegularFile).filter(ConfigScanner::isPolicyFileName)
                        .sorted().toList();
                if (found.isEmpty()) {
                    throw new InputException(path.toString(), "no policy files (*.yaml, *.yml) in the directory");
                }
                files.addAll(found);
            } catch (IOException | UncheckedIOException e) {
                throw new InputException(path.toString(), "cannot read policy directory: " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static boolean isPolicyFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
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
        policies().forEach(policy -> checks.add(policy.descriptor()));
        clusterChecks.forEach(check -> checks.add(check.descriptor()));
        return checks;
    }

    /**
     * The source of the built-in CEL policy with this id, or with this alias when only one policy has it, as a policy
     * file holding just that policy: what users copy to write their own. Empty when there is none (the Dockerfile,
     * image-config and cross-resource checks are written in Java, and custom policies are already in the user's
     * files).
     */
    public Optional<String> builtinPolicySource(String idOrAlias) {
        List<PolicyDefinition> builtIn = BuiltinPolicies.definitions();
        List<String> ids = builtIn.stream().map(p -> p.descriptor().id())
                .filter(id -> id.equalsIgnoreCase(idOrAlias)).toList();
        if (ids.isEmpty()) {
            ids = builtIn.stream().filter(p -> p.descriptor().aliases().stream().anyMatch(idOrAlias::equalsIgnoreCase))
                    .map(p -> p.descriptor().id()).toList();
        }
        return ids.size() == 1 ? BuiltinPolicies.source(ids.getFirst()) : Optional.empty();
    }

    /** The Kubernetes checker, compiling the CEL policies on first use (a scan without manifests never pays). */
    synchronized KubernetesChecker kubernetes() {
        if (kubernetes == null) {
            CelEngine engine = new CelEngine();
            List<CelEngine.CompiledPolicy> compiled = new ArrayList<>();
            for (PolicyDefinition policy : policies()) {
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

    /** True when policy files define policies (their Dockerfile and image-config policies run on those inputs). */
    boolean hasCustomPolicies() {
        return !customPolicies.isEmpty();
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
