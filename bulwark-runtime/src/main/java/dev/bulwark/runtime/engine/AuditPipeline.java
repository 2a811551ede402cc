package dev.bulwark.runtime.engine;

import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.k8saudit.AuditEvent;
import dev.bulwark.runtime.k8saudit.AuditFields;
import dev.bulwark.runtime.k8saudit.AuditReader;
import java.util.function.BiConsumer;

/**
 * The path of Kubernetes audit events: every event is tested against the {@code k8s_audit} rules (there are no
 * event types to index by, so every rule is a candidate); skipped records are counted by reason and reported.
 */
public final class AuditPipeline implements AuditReader.Handler {

    private final RuleEngine<AuditEvent> engine;
    private final Counters counters;
    private final AlertSink sink;
    private final BiConsumer<String, String> problems;

    /**
     * @param hostname the host the alerts name (the machine running Bulwark, as in Falco)
     * @param problems receives {@code (where, problem)} for every skipped record
     */
    public AuditPipeline(RuleSet rules, EngineOptions options, String hostname, Counters counters, AlertSink sink,
                         BiConsumer<String, String> problems) {
        this.engine = RuleEngine.create(rules, "k8s_audit", options, view(hostname), new String[0], counters);
        this.counters = counters;
        this.sink = sink;
        this.problems = problems;
    }

    private static EventView<AuditEvent> view(String hostname) {
        return new EventView<>() {
            @Override
            public int typeId(AuditEvent event) {
                return -1;
            }

            @Override
            public long timeNs(AuditEvent event) {
                Long t = AuditFields.rawTime(event);
                return t == null ? 0 : t;
            }

            @Override
            public String hostname(AuditEvent event) {
                return hostname;
            }
        };
    }

    @Override
    public void event(AuditEvent event) {
        counters.read();
        engine.evaluate(event, sink);
    }

    @Override
    public void problem(String where, String reason, String problem) {
        counters.dropped(reason, 1);
        problems.accept(where, problem);
    }

    public int selectedRules() {
        return engine.selectedRules();
    }
}
