package dev.bulwark.runtime.state;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container a process runs in from its cgroup paths, for the runtimes Falco recognises: docker
 * ({@code /docker/<id>}, {@code docker-<id>.scope}), containerd/CRI ({@code cri-containerd-<id>.scope},
 * {@code /kubepods/.../<id>}), CRI-O ({@code crio-<id>.scope}) and podman ({@code libpod-<id>.scope}).
 */
public final class CgroupContainers {

    /** A container runtime and the 64-hex container id it uses. */
    public record Match(String runtime, String id) {
        /** The 12-character short id Falco reports as {@code container.id}. */
        public String shortId() {
            return id.substring(0, 12);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("docker", Pattern.compile("/docker/([0-9a-f]{64})(?:$|/)")),
            new Rule("docker", Pattern.compile("docker-([0-9a-f]{64})\\.scope")),
            new Rule("containerd", Pattern.compile("cri-containerd-([0-9a-f]{64})\\.scope")),
            new Rule("cri-o", Pattern.compile("crio-(?:conmon-)?([0-9a-f]{64})\\.scope")),
            new Rule("podman", Pattern.compile("libpod-(?:conmon-)?([0-9a-f]{64})\\.scope")),
            new Rule("containerd", Pattern.compile("/kubepods[^ ]*/([0-9a-f]{64})(?:$|/)")),
            new Rule("containerd", Pattern.compile("/system\\.slice/containerd\\.service/[^/]*:([0-9a-f]{64})")));

    private record Rule(String runtime, Pattern pattern) {
    }

    private CgroupContainers() {
    }

    /** The container of a process with these cgroup lines ({@code subsys=path} or {@code id:subsys:path}). */
    public static Match find(List<String> cgroups) {
        for (String line : cgroups) {
            if (line.length() < 64 || !mentionsRuntime(line)) {
                continue; // most lines (the host's) name no runtime: skip the patterns
            }
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(line);
                if (m.find()) {
                    return new Match(rule.runtime(), m.group(1));
                }
            }
        }
        return null;
    }

    /** True when {@code line} names one of the runtimes of {@link #RULES}, which every pattern requires. */
    private static boolean mentionsRuntime(String line) {
        return line.contains("docker") || line.contains("containerd") || line.contains("crio-")
                || line.contains("libpod-") || line.contains("kubepods");
    }
}
