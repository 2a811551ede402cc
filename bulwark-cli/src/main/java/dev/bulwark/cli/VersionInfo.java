package dev.bulwark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Bulwark version stamped into the jar at build time, plus the Java runtime it runs on. */
final class VersionInfo implements IVersionProvider {

    static String bulwarkVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    static String javaVersion() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Version: " + bulwarkVersion(), "Java: " + javaVersion()};
    }
}
