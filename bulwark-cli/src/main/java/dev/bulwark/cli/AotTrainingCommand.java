package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 * the cache directory or any user file. Hidden from help.
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
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<?, ?> parsed = yaml.readValue("severity: [HIGH]\nimage:\n  platform: linux/amd64\n", Map.class);
        writer.println(new ObjectMapper().writeValueAsString(parsed));
        writer.flush();
        return sink.getBuffer().isEmpty() ? ExitCodes.INTERNAL : ExitCodes.OK;
    }
}
