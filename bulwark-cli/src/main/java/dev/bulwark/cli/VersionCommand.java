package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark version}: the version of Bulwark and of the Java runtime, as text or JSON. */
@Command(name = "version", header = "Print the version.")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private String format;

    @Override
    public Integer call() throws Exception {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", VersionInfo.bulwarkVersion());
        info.put("java", VersionInfo.javaVersion());
        info.put("cacheDir", root.cacheDir().toString());
        var out = root.environment().out();
        switch (format) {
            case "text" -> {
                out.println("Version: " + info.get("version"));
                out.println("Java: " + info.get("java"));
                out.println("Cache: " + info.get("cacheDir"));
            }
            case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(info));
            default -> throw new UsageException("--format", "unknown format '" + format + "' (expected text or json)");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
