package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.AuditReplay;
import dev.bulwark.runtime.AuditWebhook;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.RuntimeStats;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark runtime audit}: Kubernetes audit logs and the audit webhook through {@code k8s_audit} rules. */
@Command(name = "audit", sortOptions = false,
        header = "Run Kubernetes audit events (log files or the API server's audit webhook) through Falco rules.",
        description = "FILE is an API server audit log: JSON lines, a JSON array or EventList batches. With --listen, "
                + "Bulwark serves the endpoint the API server's audit webhook backend posts EventList batches to "
                + "(--audit-webhook-config-file pointing at http://HOST:PORT/k8s-audit) until interrupted or "
                + "--duration ends. Records that are not audit events are reported on standard error and skipped.")
final class RuntimeAuditCommand implements Callable<Integer> {

    @ParentCommand
    private RuntimeCommand runtime;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Audit log files, read one after the other.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "[HOST:]PORT", order = 40,
            description = "Serve the audit webhook on this address (HOST defaults to 127.0.0.1; use 0.0.0.0 for all "
                    + "interfaces).")
    private String listen;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = AuditWebhook.DEFAULT_PATH, order = 41,
            description = "Webhook request path (default: ${DEFAULT-VALUE}).")
    private String path;

    @Option(names = "--queue", paramLabel = "EVENTS", defaultValue = "10000", order = 42,
            description = "Events that may wait for the rules before requests get 503 (default: ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--duration", paramLabel = "SECONDS", order = 43,
            description = "Stop serving the webhook after this many seconds.")
    private Long duration;

    @Mixin
    private RuntimeRuleOptions ruleOptions;

    @Mixin
    private RuntimeAlertOptions alertOptions;

    @Override
    public Integer call() throws InterruptedException {
        BulwarkCommand root = runtime.root;
        if (files.isEmpty() && listen == null) {
            throw new UsageException("bulwark runtime audit", "give audit log files, --listen, or both");
        }
        if (queue < 1) {
            throw new UsageException("--queue", "must be at least 1, got " + queue);
        }
        InetSocketAddress bind = listen == null ? null : address(listen);
        EngineOptions options = ruleOptions.engineOptions();
        alertOptions.validate();
        RuleSet rules = ruleOptions.load(root);
        PrintWriter err = root.environment().err();
        long alerts = 0;
        try (RuntimeAlertOptions.Outputs outputs = alertOptions.open(root)) {
            for (Path file : files) {
                RuntimeStats stats = AuditReplay.run(root.resolve(file), rules, options, outputs.sink(),
                        problem -> err.println("bulwark: " + problem));
                outputs.report(file.toString(), stats);
                alerts += stats.alerts();
            }
            if (bind != null) {
                alerts += serve(root, bind, rules, options, outputs);
            }
        }
        return alerts > 0 ? alertOptions.exitCode : ExitCodes.OK;
    }

    private long serve(BulwarkCommand root, InetSocketAddress bind, RuleSet rules, EngineOptions options,
                       RuntimeAlertOptions.Outputs outputs) throws InterruptedException {
        PrintWriter err = root.environment().err();
        CountDownLatch stop = new CountDownLatch(1);
        AuditWebhook hook = AuditWebhook.start(bind, path, rules, options, outputs.sink(), queue,
                problem -> err.println("bulwark: " + problem));
        Thread onSignal = new Thread(stop::countDown, "bulwark-audit-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            if (!root.quiet()) {
                err.println("bulwark: listening for Kubernetes audit events on http://"
                        + hook.address().getHostString() + ":" + hook.address().getPort() + path);
                err.flush();
            }
            if (duration != null) {
                stop.await(duration, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } finally {
            hook.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of the signal
            }
        }
        RuntimeStats stats = hook.stats();
        outputs.report("audit webhook", stats);
        return stats.alerts();
    }

    private static InetSocketAddress address(String text) {
        String host = "127.0.0.1";
        String port = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, p);
        } catch (NumberFormatException e) {
            throw new UsageException("--listen", "expected [HOST:]PORT, got '" + text + "'");
        }
    }
}
