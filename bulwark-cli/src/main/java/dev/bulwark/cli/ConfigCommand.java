package dev.bulwark.cli;

import dev.bulwark.config.Compliance;
import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.ConfigScan;
import dev.bulwark.config.ConfigScanOptions;
import dev.bulwark.config.ConfigScanner;
import dev.bulwark.config.FileError;
import dev.bulwark.core.InputException;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark config}: misconfiguration checks on Dockerfiles and Kubernetes manifests. */
@Command(name = "config", sortOptions = false,
        header = "Scan Dockerfiles and Kubernetes manifests for misconfigurations.",
        description = "PATH is a Dockerfile, a Kubernetes manifest (YAML or JSON, multi-document) or a directory, "
                + "searched for Dockerfile*, *.dockerfile, *.yaml, *.yml and *.json. A file that cannot be read is "
                + "reported on standard error and the scan goes on; the exit code is 3 only when no input could be "
                + "read at all.")
final class ConfigCommand implements Callable<Integer> {

    /** The formats this command renders until the report module takes over. */
    private static final Set<String> FORMATS = Set.of("table", "json");

    @ParentCommand
    private BulwarkCommand root;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan.")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--list-checks", order = 4,
            description = "List every check (id, severity, input, title, equivalent ids of other tools) and exit.")
    private boolean listChecks;

    @Option(names = "--show-policy", paramLabel = "ID", order = 5,
            description = "Print a built-in Kubernetes check (BW-PSS-*, BW-K8S-* written in CEL) as a policy file, "
                    + "to copy and change, and exit.")
    private String showPolicy;

    @Option(names = "--skip-checks", split = ",", paramLabel = "ID", order = 1,
            description = "Checks not to run, by Bulwark id or an equivalent hadolint/Trivy/checkov id "
                    + "(e.g. BW-DS-030,DL3008).")
    private List<String> skipChecks = new ArrayList<>();

    @Option(names = "--compliance", paramLabel = "PROFILE", order = 2,
            description = "Run only the controls of a compliance profile, pss-baseline or pss-restricted (the "
                    + "Kubernetes Pod Security Standards), and report which resources comply.")
    private String compliance;

    @Option(names = "--policy", paramLabel = "FILE|DIR", order = 3,
            description = "A CEL policy file with checks of your own, or a directory of them (*.yaml, *.yml); "
                    + "repeatable. See the README for the format and --show-policy for examples.")
    private List<Path> policies = new ArrayList<>();

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        output.validate();
        if (!FORMATS.contains(output.format)) {
            throw new UsageException("--format", "'" + output.format + "' is not available for 'bulwark config' yet "
                    + "(use table or json)");
        }
        ConfigScanOptions options = ConfigScanOptions.defaults().withSkipChecks(skipChecks)
                .withPolicyFiles(policies.stream().map(root::resolve).toList());
        if (compliance != null) {
            try {
                options = options.withCompliance(Compliance.parse(compliance));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--compliance", e.getMessage());
            }
        }
        ConfigScanner scanner = ConfigScanner.create(options);
        if (showPolicy != null) {
            String source = scanner.builtinPolicySource(showPolicy).orElseThrow(() -> new UsageException(
                    "--show-policy", "'" + showPolicy + "' is not a built-in CEL policy (the BW-PSS-* and most "
                    + "BW-K8S-* checks are; Dockerfile, image-config, RBAC and cross-resource checks are written in "
                    + "Java); see --list-checks"));
            ReportOutput.write(root, output, source);
            return ExitCodes.OK;
        }
        if (listChecks) {
            ReportOutput.write(root, output, output.format.equals("json") ? ConfigReportRenderer.checksJson(
                    scanner.checks()) : ConfigReportRenderer.checksTable(scanner.checks()));
            return ExitCodes.OK;
        }
        if (paths.isEmpty()) {
            throw new UsageException("bulwark config", "give at least one PATH to scan (or --list-checks, "
                    + "--show-policy ID)");
        }
        ConfigScan scan = scanner.newScan();
        for (Path path : paths) {
            scan.addPath(root.resolve(path), path.toString());
        }
        ConfigReport report = scan.finish();
        for (FileError error : report.errors()) {
            root.environment().err().println("bulwark: " + error);
        }
        root.environment().err().flush();
        if (report.files().isEmpty() && !report.errors().isEmpty()) {
            throw new InputException("bulwark config", "no input could be read (" + report.errors().size()
                    + (report.errors().size() == 1 ? " error" : " errors") + " above)");
        }
        List<Misconfiguration> shown = report.findings().stream()
                .filter(finding -> output.severitySet().contains(finding.severity())).toList();
        String profile = options.compliance() == null ? null : options.compliance().label();
        String rendered = output.format.equals("json")
                ? ConfigReportRenderer.json(report, shown, profile)
                : ConfigReportRenderer.table(report, shown)
                        + (profile == null ? "" : ConfigReportRenderer.complianceTable(profile, report));
        ReportOutput.write(root, output, rendered);
        return shown.isEmpty() ? ExitCodes.OK : output.exitCode;
    }
}
