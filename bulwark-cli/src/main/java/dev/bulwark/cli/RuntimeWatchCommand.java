package dev.bulwark.cli;

import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.HostSensor;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.RuntimeStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark runtime watch}: the live sensor of this machine through {@code syscall} rules. */
@Command(name = "watch", sortOptions = false,
        header = "Watch this machine live (process executions via CN_PROC, file changes via inotify) with Falco "
                + "rules.",
        description = "Process executions come from the kernel's process connector and are enriched from /proc "
                + "(needs root or CAP_NET_ADMIN in the host's namespaces, and the host's pid namespace); file "
                + "activity comes from inotify watches on the --watch paths (default /etc and /root/.ssh) and carries "
                + "no process. Exit code 3 with the reason when a source is not permitted. Runs until interrupted or "
                + "--duration ends.")
final class RuntimeWatchCommand implements Callable<Integer> {

    @ParentCommand
    private RuntimeCommand runtime;

    @Option(names = "--watch", paramLabel = "PATH", order = 40,
            description = "File or directory to watch (a directory covers its direct entries); repeatable "
                    + "(default: /etc and /root/.ssh).")
    private List<Path> watch = new ArrayList<>();

    @Option(names = "--no-watch", order = 41, description = "No file watches: process executions only.")
    private boolean noWatch;

    @Option(names = "--no-processes", order = 42, description = "No process connector: file watches only.")
    private boolean noProcesses;

    @Option(names = "--duration", paramLabel = "SECONDS", order = 43, description = "Stop after this many seconds.")
    private Long duration;

    @Mixin
    private RuntimeRuleOptions ruleOptions;

    @Mixin
    private RuntimeAlertOptions alertOptions;

    @Override
    public Integer call() throws InterruptedException {
        BulwarkCommand root = runtime.root;
        EngineOptions options = ruleOptions.engineOptions();
        alertOptions.validate();
        RuleSet rules = ruleOptions.load(root);
        List<Path> paths = noWatch ? List.of()
                : watch.isEmpty() ? HostSensor.Options.defaults().watchPaths() : watch.stream().map(root::resolve).toList();
        HostSensor.Options sensorOptions = new HostSensor.Options(!noProcesses, paths, Path.of("/proc"), Path.of("/"));
        PrintWriter err = root.environment().err();
        long alerts;
        try (RuntimeAlertOptions.Outputs outputs = alertOptions.open(root)) {
            CountDownLatch stop = new CountDownLatch(1);
            HostSensor sensor = HostSensor.start(rules, options, sensorOptions, outputs.sink(),
                    problem -> err.println("bulwark: " + problem));
            Thread onSignal = new Thread(stop::countDown, "bulwark-watch-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                if (!root.quiet()) {
                    err.println("bulwark: watching with " + String.join(", ", sensor.sources()));
                    err.flush();
                }
                if (duration != null) {
                    stop.await(duration, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            } finally {
                sensor.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of the signal
                }
            }
            RuntimeStats stats = sensor.stats();
            outputs.report("live sensor", stats);
            alerts = stats.alerts();
        }
        return alerts > 0 ? alertOptions.exitCode : ExitCodes.OK;
    }
}
