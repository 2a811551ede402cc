package dev.bulwark.config;

import dev.bulwark.config.internal.check.CheckFilter;
import dev.bulwark.config.internal.dockerfile.DockerfileChecker;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.config.internal.dockerfile.rules.DockerfileRules;
import dev.bulwark.config.internal.image.ImageConfigChecker;
import java.util.ArrayList;
import java.util.List;

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

    private ConfigScanner(ConfigScanOptions options) {
        this.options = options;
        this.filter = new CheckFilter(options.skipChecks(),
                options.compliance() == null ? null : options.compliance().label());
        List<DockerfileRule> rules = DockerfileRules.all();
        this.dockerfiles = new DockerfileChecker(rules);
        this.imageConfigs = new ImageConfigChecker(dockerfiles);
    }

    /**
     * A scanner with {@code options}.
     *
     * @throws dev.bulwark.core.InputException when a policy file cannot be read or compiled
     */
    public static ConfigScanner create(ConfigScanOptions options) {
        return new ConfigScanner(options);
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
        return checks;
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
