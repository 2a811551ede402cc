package dev.bulwark.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of the machine Bulwark runs on, for the {@code hostname} of alerts. */
final class Hostname {

    private Hostname() {
    }

    static String local() {
        try {
            String etc = Files.readString(Path.of("/etc/hostname")).trim();
            if (!etc.isEmpty()) {
                return etc;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
