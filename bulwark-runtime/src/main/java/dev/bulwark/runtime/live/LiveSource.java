package dev.bulwark.runtime.live;

import dev.bulwark.core.InputException;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.RuntimeStats;
import dev.bulwark.runtime.engine.Counters;
import dev.bulwark.runtime.engine.RuleEngine;
import dev.bulwark.runtime.engine.SyscallPipeline;
import dev.bulwark.runtime.scap.CaptureInfo;
import dev.bulwark.runtime.state.StateTracker;
import dev.bulwark.runtime.state.ThreadInfo;
import dev.bulwark.runtime.sys.Libc;
import dev.bulwark.runtime.sys.NativeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The sensor's event loop, on one thread: polls the process connector and the inotify descriptor, turns what they
 * report into capture events ({@link EventEncoder}) and runs them through the {@link SyscallPipeline}. The state
 * starts from a scan of {@code /proc}, so parent chains of new processes are known.
 */
public final class LiveSource implements AutoCloseable {

    /** The pseudo thread file events are attributed to: inotify does not say which process acted. */
    static final long FILE_WATCH_TID = Integer.MAX_VALUE;
    private static final long AT_FDCWD = -100;
    private static final int MAX_ANCESTRY = 64;

    private final Counters counters = new Counters();
    private final CompletableFuture<List<String>> started = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopping;

    private LiveSource(Runnable loop) {
        this.thread = Thread.ofPlatform().name("bulwark-sensor").daemon(true).unstarted(loop);
    }

    public static LiveSource start(RuleSet rules, EngineOptions engine, boolean processes, List<Path> watchPaths,
                                   Path procRoot, Path hostRoot, AlertSink sink, Consumer<String> problems) {
        LiveSource[] self = new LiveSource[1];
        self[0] = new LiveSource(() -> self[0].run(rules, engine, processes, watchPaths, procRoot, hostRoot, sink,
                problems));
        self[0].thread.start();
        try {
            self[0].started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            self[0].close();
            throw new InputException("live sensor", "interrupted while starting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputException input) {
                throw input;
            }
            throw new IllegalStateException(e.getCause());
        }
        return self[0];
    }

    public List<String> sources() {
        return started.join();
    }

    public RuntimeStats stats() {
        return counters.snapshot();
    }

    private void run(RuleSet rules, EngineOptions engine, boolean processes, List<Path> watchPaths, Path procRoot,
                     Path hostRoot, AlertSink sink, Consumer<String> problems) {
        try (Libc libc = new Libc()) {
            ProcConnector connector = null;
            FileWatcher watcher = null;
            List<String> sources = new ArrayList<>();
            try {
                if (processes) {
                    try {
                        connector = ProcConnector.open(libc);
                        sources.add("process connector (CN_PROC)");
                    } catch (NativeException | UnsatisfiedLinkError e) {
                        throw new InputException("CN_PROC", "the kernel's process connector is not available here: "
                                + e.getMessage() + (e instanceof NativeException n && n.isPermission()
                                ? " (it needs root or CAP_NET_ADMIN in the host's user and network namespaces; run "
                                + "with --no-processes to use file watches only)" : ""));
                    }
                }
                if (!watchPaths.isEmpty()) {
                    try {
                        watcher = FileWatcher.open(libc, watchPaths, problems);
                    } catch (NativeException e) {
                        throw new InputException("inotify", "file watches are not available here: " + e.getMessage());
                    }
                    if (watcher.watchCount() == 0) {
                        throw new InputException("inotify", "none of the paths to watch could be watched");
                    }
                    sources.add("inotify (" + watcher.watchCount() + " paths)");
                }
                if (sources.isEmpty()) {
                    throw new InputException("live sensor", "nothing to watch: enable processes or give paths");
                }
            } catch (InputException e) {
                close(connector, watcher);
                started.completeExceptionally(e);
                return;
            }
            Procfs procfs = new Procfs(procRoot);
            StateTracker state = seed(procfs, hostRoot);
            RuleEngine<dev.bulwark.runtime.state.SyscallEvent> rulesEngine = RuleEngine.syscall(rules, engine,
                    counters);
            Loop loop = new Loop(new SyscallPipeline(state, rulesEngine, engine,
                    engine.enterEvents().skips(rules), counters, sink), state, procfs);
            started.complete(List.copyOf(sources));
            try {
                loop.run(libc, connector, watcher);
            } catch (RuntimeException e) {
                problems.accept("live sensor stopped: " + e.getMessage());
            } finally {
                close(connector, watcher);
            }
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(new InputException("live sensor", "cannot start: " + e));
        }
    }

    private static void close(ProcConnector connector, FileWatcher watcher) {
        if (connector != null) {
            connector.close();
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    /** A state table holding every process running now and the host's users and groups. */
    static StateTracker seed(Procfs procfs, Path hostRoot) {
        List<CaptureInfo.ThreadRecord> threads = new ArrayList<>();
        for (long pid : procfs.pids()) {
            CaptureInfo.ThreadRecord r = procfs.read(pid);
            if (r != null) {
                threads.add(r);
            }
        }
        Accounts accounts = Accounts.read(hostRoot);
        Map<Long, String> users = new java.util.HashMap<>();
        Map<Long, String> homes = new java.util.HashMap<>();
        accounts.users().forEach((uid, f) -> {
            users.put(uid, f[0]);
            homes.put(uid, f[1]);
        });
        CaptureInfo info = new CaptureInfo(0, 0, hostname(hostRoot), Runtime.getRuntime().availableProcessors(),
                threads, Map.of(), users, homes, accounts.groups());
        return new StateTracker(info, 1 << 20);
    }

    private static String hostname(Path hostRoot) {
        try {
            return java.nio.file.Files.readString(hostRoot.resolve("etc/hostname")).trim();
        } catch (java.io.IOException | SecurityException e) {
            return "";
        }
    }

    /** Turns connector and watcher reports into events. */
    private final class Loop {
        private final SyscallPipeline pipeline;
        private final StateTracker state;
        private final Procfs procfs;
        private final EventEncoder encoder = new EventEncoder();
        private long overruns;
        private long overflows;

        Loop(SyscallPipeline pipeline, StateTracker state, Procfs procfs) {
            this.pipeline = pipeline;
            this.state = state;
            this.procfs = procfs;
        }

        void run(Libc libc, ProcConnector connector, FileWatcher watcher) {
            int[] fds = connector != null && watcher != null ? new int[] {connector.fd(), watcher.fd()}
                    : new int[] {connector != null ? connector.fd() : watcher.fd()};
            while (!stopping) {
                boolean[] ready = libc.pollIn(fds, 200);
                if (connector != null && ready[0]) {
                    for (ProcEvent event : connector.drain()) {
                        onProcEvent(event);
                    }
                    counters.dropped("netlink_overruns", connector.overruns() - overruns);
                    overruns = connector.overruns();
                }
                if (watcher != null && ready[fds.length - 1]) {
                    for (FileWatcher.FileEvent event : watcher.drain()) {
                        onFileEvent(event);
                    }
                    counters.dropped("inotify_overflows", watcher.overflows() - overflows);
                    overflows = watcher.overflows();
                }
            }
        }

        private long now() {
            Instant t = Instant.now();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }

        void onProcEvent(ProcEvent event) {
            switch (event) {
                case ProcEvent.Fork f -> {
                    if (f.childTid() == f.childPid()) {
                        ensureKnown(f.parentPid(), 0);
                        pipeline.accept(encoder.encode(EventEncoder.CLONE_20_X, now(), f.parentPid(), f.childPid()));
                    }
                }
                case ProcEvent.Exec e -> onExec(e.pid());
                case ProcEvent.Exit e -> {
                    if (e.tid() == e.pid() && state.thread(e.pid()) != null) {
                        pipeline.accept(encoder.encode(EventEncoder.PROCEXIT_1_E, now(), e.pid(), e.exitCode()));
                    }
                }
                case ProcEvent.Other ignored -> {
                }
            }
        }

        private void onExec(long pid) {
            CaptureInfo.ThreadRecord r = procfs.read(pid);
            if (r == null) {
                counters.dropped("exited_before_read", 1);
                return;
            }
            ensureKnown(r.ptid(), 0);
            state.upsert(r);
            long ts = now();
            pipeline.accept(encoder.encode(EventEncoder.EXECVE_19_E, ts, pid, r.exepath()));
            pipeline.accept(encoder.encode(EventEncoder.EXECVE_19_X, ts, pid, 0L, r.exe(),
                    EventEncoder.nulJoined(r.args()), pid, pid, r.ptid(), r.cwd(), 0L, 0L, 0L, 0, 0, 0, r.comm(),
                    EventEncoder.nulJoined(r.cgroups()), EventEncoder.nulJoined(r.env()), (int) r.tty(), r.vpgid(),
                    (int) r.loginuid(), 0));
        }

        /** Reads a process and its ancestors the state does not know yet (missed forks, processes started early). */
        private void ensureKnown(long pid, int depth) {
            if (pid <= 0 || depth > MAX_ANCESTRY) {
                return;
            }
            ThreadInfo known = state.thread(pid);
            if (known != null) {
                return;
            }
            CaptureInfo.ThreadRecord r = procfs.read(pid);
            if (r == null) {
                return;
            }
            ensureKnown(r.ptid(), depth + 1);
            state.upsert(r);
        }

        void onFileEvent(FileWatcher.FileEvent event) {
            long ts = now();
            switch (event.kind()) {
                case READ -> pipeline.accept(encoder.encode(EventEncoder.OPENAT_2_X, ts, FILE_WATCH_TID, 3L, AT_FDCWD,
                        event.path(), 1, 0, 0));
                case WRITE -> pipeline.accept(encoder.encode(EventEncoder.OPENAT_2_X, ts, FILE_WATCH_TID, 3L,
                        AT_FDCWD, event.path(), 2, 0, 0));
                case CREATE -> pipeline.accept(encoder.encode(EventEncoder.OPENAT_2_X, ts, FILE_WATCH_TID, 3L,
                        AT_FDCWD, event.path(), 2 | 4, 0, 0));
                case DELETE -> pipeline.accept(encoder.encode(EventEncoder.UNLINKAT_2_X, ts, FILE_WATCH_TID, 0L,
                        AT_FDCWD, event.path(), 0));
                case RENAME -> pipeline.accept(encoder.encode(EventEncoder.RENAMEAT2_X, ts, FILE_WATCH_TID, 0L,
                        AT_FDCWD, event.from() == null ? "" : event.from(), AT_FDCWD, event.path(), 0));
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
