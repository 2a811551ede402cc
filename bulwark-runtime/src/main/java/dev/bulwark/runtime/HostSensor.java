package dev.bulwark.runtime;

import dev.bulwark.core.InputException;
import dev.bulwark.runtime.live.LiveSource;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live sensor for the machine Bulwark runs on, without a kernel module or eBPF: process executions from the
 * kernel's process connector (CN_PROC over netlink), each enriched from {@code /proc} (executable, arguments, working
 * directory, user, environment, parent chain, cgroups and the container id they name), turned into the
 * {@code execve} events {@code syscall} rules expect; and inotify watches on chosen paths, turned into open, create,
 * delete and rename events (without the process, which inotify does not report). Both feed the same state tracker
 * and rule engine as capture replay. See the README for what this covers compared with Falco's drivers.
 */
public final class HostSensor implements AutoCloseable {

    /**
     * What to watch.
     *
     * @param processes subscribe to process executions (CN_PROC; needs root or CAP_NET_ADMIN on the host)
     * @param watchPaths files and directories to watch with inotify (a directory covers its direct entries)
     * @param procRoot the proc file system, {@code /proc}
     * @param hostRoot where {@code etc/passwd} and {@code etc/group} are read, {@code /}
     */
    public record Options(boolean processes, List<Path> watchPaths, Path procRoot, Path hostRoot) {
        public Options {
            watchPaths = List.copyOf(watchPaths);
        }

        /** Process executions and the paths Falco's default rules care most about. */
        public static Options defaults() {
            return new Options(true, List.of(Path.of("/etc"), Path.of("/root/.ssh")), Path.of("/proc"), Path.of("/"));
        }
    }

    private final LiveSource source;

    private HostSensor(LiveSource source) {
        this.source = source;
    }

    /**
     * Starts the sensor on its own thread.
     *
     * @param problems receives paths that could not be watched and other non-fatal problems
     * @throws InputException naming the source and the reason when a requested source is not permitted or not
     *         available here (CN_PROC needs CAP_NET_ADMIN in the initial namespaces; inotify may be limited)
     */
    public static HostSensor start(RuleSet rules, EngineOptions engine, Options options, AlertSink sink,
                                   Consumer<String> problems) {
        return new HostSensor(LiveSource.start(rules, engine, options.processes(), options.watchPaths(),
                options.procRoot(), options.hostRoot(), sink, problems));
    }

    /** The sources running, e.g. {@code process connector (CN_PROC)}, {@code inotify (2 paths)}. */
    public List<String> sources() {
        return source.sources();
    }

    /** The counters so far. */
    public RuntimeStats stats() {
        return source.stats();
    }

    /** Stops the sensor and waits for its thread. */
    @Override
    public void close() {
        source.close();
    }
}
