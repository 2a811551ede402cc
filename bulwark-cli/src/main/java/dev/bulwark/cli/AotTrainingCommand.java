package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.ConfigScan;
import dev.bulwark.config.ConfigScanOptions;
import dev.bulwark.config.ConfigScanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The training run for the JDK AOT cache, executed once at build time: it loads and links the classes every
 * invocation needs (option parsing of every command, help rendering, YAML and JSON) without touching the network,
 * the cache directory or any user file, plus a misconfiguration scan of in-memory files (CEL and the policies load
 * slowly when cold) and image scans with a database in a temporary directory ({@link AotTrainingScan}). Hidden from
 * help.
 */
@Command(name = "aot-training", hidden = true)
final class AotTrainingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine root = spec.root().commandLine();
        StringWriter sink = new StringWriter();
        PrintWriter writer = new PrintWriter(sink);
        root.usage(writer);
        for (CommandLine sub : root.getSubcommands().values()) {
            sub.usage(writer);
            for (CommandLine nested : sub.getSubcommands().values()) {
                nested.usage(writer);
            }
        }
        List<String[]> samples = List.of(
                new String[] {"image", "--input", "image.tar", "--format", "json", "--severity", "HIGH,CRITICAL"},
                new String[] {"rootfs", "/", "--scanners", "vuln", "--exit-code", "1"},
                new String[] {"version", "--format", "json"});
        for (String[] sample : samples) {
            CommandLine fresh = new CommandLine(new BulwarkCommand(CliEnvironment.system()));
            Subcommands.register(fresh, sample);
            fresh.registerConverter(dev.bulwark.core.Severity.class, dev.bulwark.core.Severity::parse);
            fresh.parseArgs(sample);
        }
        trainConfigScan(writer);
        if (AotTrainingScan.run(spec.commandLine().getErr()) != ExitCodes.OK) {
            return ExitCodes.INTERNAL;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<?, ?> parsed = yaml.readValue("severity: [HIGH]\nimage:\n  platform: linux/amd64\n", Map.class);
        writer.println(new ObjectMapper().writeValueAsString(parsed));
        writer.flush();
        return sink.getBuffer().isEmpty() ? ExitCodes.INTERNAL : ExitCodes.OK;
    }

    /** A misconfiguration scan of in-memory files: loads the Dockerfile rules, the CEL engine and the policies. */
    private static void trainConfigScan(PrintWriter writer) {
        ConfigScan scan = ConfigScanner.create(ConfigScanOptions.defaults()).newScan();
        scan.add("Dockerfile", stream("FROM alpine:3.20\nRUN apk add curl && curl -fsSL https://x | sh\n"));
        scan.add("pod.yaml", stream("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "    - {name: c, image: \"x:1\", securityContext: {privileged: true}}\n"));
        ConfigReport report = scan.finish();
        writer.println(ConfigReportRenderer.table(report, report.findings()));
        writer.println(ConfigReportRenderer.json(report, report.findings()));
    }

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
