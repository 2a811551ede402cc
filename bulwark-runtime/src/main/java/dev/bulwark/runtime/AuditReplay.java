package dev.bulwark.runtime;

import dev.bulwark.core.InputException;
import dev.bulwark.runtime.engine.AuditPipeline;
import dev.bulwark.runtime.engine.Counters;
import dev.bulwark.runtime.k8saudit.AuditReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs Kubernetes audit logs (the API server's log-backend files: JSON lines, arrays or EventList batches) through
 * the {@code k8s_audit} rules, like Falco with the k8saudit plugin reading a file. Records that are not audit events
 * are reported to {@code problems} with the file and line, counted, and skipped.
 */
public final class AuditReplay {

    private AuditReplay() {
    }

    public static RuntimeStats run(Path file, RuleSet rules, EngineOptions options, AlertSink sink,
                                   Consumer<String> problems) {
        try (InputStream in = Files.newInputStream(file)) {
            return run(file.toString(), in, rules, options, sink, problems);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read audit log: " + e.getMessage(), e);
        }
    }

    public static RuntimeStats run(String name, InputStream in, RuleSet rules, EngineOptions options, AlertSink sink,
                                   Consumer<String> problems) {
        Counters counters = new Counters();
        AuditPipeline pipeline = new AuditPipeline(rules, options, Hostname.local(), counters, sink,
                (where, problem) -> problems.accept(name + ": " + where + ": " + problem));
        AuditReader.read(name, in, pipeline);
        return counters.snapshot();
    }
}
