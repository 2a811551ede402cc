package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values that are not on the command line: environment variable {@code BULWARK_<OPTION>} first
 * ({@code --cache-dir} is {@code BULWARK_CACHE_DIR}), then the config file, then the option's built-in default.
 * Together with picocli's own parsing this gives the precedence flag &gt; env &gt; file &gt; default.
 */
final class ConfiguredDefaults implements IDefaultValueProvider {

    private final CliEnvironment environment;
    private final ConfigFile configFile;

    ConfiguredDefaults(CliEnvironment environment, ConfigFile configFile) {
        this.environment = environment;
        this.configFile = configFile;
    }

    /** The environment variable that sets option {@code --name}. */
    static String environmentVariable(String longName) {
        return "BULWARK_" + longName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        String key = option.longestName().substring(2);
        String fromEnv = environment.getenv(environmentVariable(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        List<String> commands = new ArrayList<>();
        for (CommandSpec c = option.command(); c != null && c.parent() != null; c = c.parent()) {
            commands.add(c.name());
        }
        return configFile.value(commands, key).orElse(null);
    }
}
