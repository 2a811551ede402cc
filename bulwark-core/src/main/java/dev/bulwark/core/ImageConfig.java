package dev.bulwark.core;

import java.util.List;
import java.util.Map;

/**
 * The runtime configuration an image ships with (OCI image config {@code config} plus {@code history}), the input of
 * image-config misconfiguration and secret checks.
 *
 * @param user the {@code User}, or empty when unset (which means root)
 * @param env the environment as {@code NAME=value} strings, in order
 * @param entrypoint the entrypoint, possibly empty
 * @param cmd the default command, possibly empty
 * @param workingDir the working directory, or empty
 * @param exposedPorts e.g. {@code 8080/tcp}
 * @param labels the labels
 * @param healthcheck the healthcheck test (e.g. {@code [CMD-SHELL, curl -f http://localhost/]}), or empty when none
 * @param stopSignal the stop signal, or empty
 * @param history the build history, oldest first
 */
public record ImageConfig(
        String user,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        List<String> exposedPorts,
        Map<String, String> labels,
        List<String> healthcheck,
        String stopSignal,
        List<HistoryEntry> history) {

    public ImageConfig {
        user = user == null ? "" : user;
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        workingDir = workingDir == null ? "" : workingDir;
        exposedPorts = List.copyOf(exposedPorts);
        labels = Map.copyOf(labels);
        healthcheck = List.copyOf(healthcheck);
        stopSignal = stopSignal == null ? "" : stopSignal;
        history = List.copyOf(history);
    }

    public static ImageConfig empty() {
        return new ImageConfig("", List.of(), List.of(), List.of(), "", List.of(), Map.of(), List.of(), "", List.of());
    }
}
