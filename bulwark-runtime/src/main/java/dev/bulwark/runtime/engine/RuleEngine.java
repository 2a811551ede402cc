package dev.bulwark.runtime.engine;

import dev.bulwark.core.UsageException;
import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.Rule;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.fields.FieldCatalog;
import dev.bulwark.runtime.fields.SyscallFields;
import dev.bulwark.runtime.output.OutputFormat;
import dev.bulwark.runtime.rules.CompiledRule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the selected rules of one source over events: looks up the event's slot in the {@link RuleIndex}, tests
 * those rules in load order, and turns each match into an {@link Alert} (the first match only, or every match, per
 * {@link EngineOptions#matching()}). A rule whose evaluation throws on an event is counted as an evaluation error
 * and the event goes on to the next rule.
 *
 * @param <E> the event type of the source
 */
public final class RuleEngine<E> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final RuleIndex<E> index;
    private final EventView<E> view;
    private final Counters counters;
    private final boolean firstMatch;
    private final boolean isoTime;
    private final String source;
    private final int selected;

    private RuleEngine(RuleIndex<E> index, EventView<E> view, Counters counters, EngineOptions options,
                       String source, int selected) {
        this.index = index;
        this.view = view;
        this.counters = counters;
        this.firstMatch = options.matching() == EngineOptions.Matching.FIRST;
        this.isoTime = options.isoTime();
        this.source = source;
        this.selected = selected;
        counters.rulesSelected(selected);
    }

    /**
     * An engine for the rules of {@code source} that {@code options} select.
     *
     * @param typeNames the source's event type names by id ({@code EventTable}), empty when it has none
     * @throws UsageException when the {@code -p} format names an unknown field
     */
    public static <E> RuleEngine<E> create(RuleSet ruleSet, String source, EngineOptions options, EventView<E> view,
                                           String[] typeNames, Counters counters) {
        FieldCatalog<?> rawCatalog = RuleSet.catalogs().get(source);
        @SuppressWarnings("unchecked")
        FieldCatalog<E> catalog = (FieldCatalog<E>) rawCatalog;
        List<ActiveRule<E>> active = new ArrayList<>();
        for (CompiledRule<E> compiled : ruleSet.<E>compiled(source)) {
            Rule rule = compiled.rule();
            if (!options.selection().selects(rule)) {
                continue;
            }
            OutputFormat<E> output = compiled.output();
            if (options.appendOutput() != null && source.equals("syscall")) {
                output = withAppended(rule, options.appendOutput(), catalog);
            }
            List<String> tags = rule.tags().stream().sorted().toList();
            active.add(new ActiveRule<>(rule, compiled.filter(), output, compiled.eventTypes(), tags));
        }
        return new RuleEngine<>(RuleIndex.build(active, typeNames), view, counters, options, source, active.size());
    }

    /** The engine of the {@code syscall} source. */
    public static RuleEngine<dev.bulwark.runtime.state.SyscallEvent> syscall(RuleSet ruleSet, EngineOptions options,
                                                                              Counters counters) {
        dev.bulwark.runtime.scap.EventTable table = dev.bulwark.runtime.scap.EventTable.get();
        String[] names = new String[table.typeCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = table.typeName(i);
        }
        return create(ruleSet, "syscall", options, SYSCALL_VIEW, names, counters);
    }

    private static final EventView<dev.bulwark.runtime.state.SyscallEvent> SYSCALL_VIEW = new EventView<>() {
        @Override
        public int typeId(dev.bulwark.runtime.state.SyscallEvent event) {
            return event.typeId();
        }

        @Override
        public long timeNs(dev.bulwark.runtime.state.SyscallEvent event) {
            return event.raw().ts();
        }

        @Override
        public String hostname(dev.bulwark.runtime.state.SyscallEvent event) {
            return event.state().hostname();
        }
    };

    private static <E> OutputFormat<E> withAppended(Rule rule, String append, FieldCatalog<E> catalog) {
        String format = switch (append) {
            case "c", "container" -> "container=%container.name (id=%container.id)";
            case "k", "kubernetes" -> "k8s.ns=%k8s.ns.name k8s.pod=%k8s.pod.name container=%container.id";
            default -> append;
        };
        String template = rule.output() == null ? "" : rule.output();
        template = template.contains("%container.info") ? template.replace("%container.info", format)
                : template + " " + format;
        try {
            return OutputFormat.parse(template, catalog);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-p", "invalid output format '" + append + "': " + e.getMessage());
        }
    }

    /** Rules this engine runs. */
    public int selectedRules() {
        return selected;
    }

    /** Rules this engine tests on every event type. */
    public int catchAllRules() {
        return index.catchAllCount();
    }

    public String source() {
        return source;
    }

    /** Tests {@code event} against the rules of its type and sends the alerts to {@code sink}. */
    public void evaluate(E event, AlertSink sink) {
        counters.evaluated();
        ActiveRule<E>[] candidates = index.candidates(view.typeId(event));
        for (ActiveRule<E> rule : candidates) {
            boolean hit;
            try {
                hit = rule.filter().test(event);
            } catch (RuntimeException e) {
                counters.evaluationError();
                continue;
            }
            if (hit) {
                Alert alert = alert(rule, event);
                counters.alert(alert.rule(), alert.priority().display());
                sink.accept(alert);
                if (firstMatch) {
                    return;
                }
            }
        }
    }

    private Alert alert(ActiveRule<E> rule, E event) {
        long ts = view.timeNs(event);
        String text = formatTime(ts, isoTime) + ": " + rule.rule().priority().display() + " "
                + rule.output().render(event);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("evt.time", ts);
        fields.putAll(rule.output().fields(event));
        return new Alert(ts, rule.rule().name(), rule.rule().priority(), text, fields, source, rule.tags(),
                view.hostname(event));
    }

    /** {@code 16:17:57.881781397} or, ISO, {@code 2016-08-04T16:17:57.881781397+0000} (UTC). */
    public static String formatTime(long ns, boolean iso) {
        if (iso) {
            return SyscallFields.iso8601(ns);
        }
        return CLOCK.format(Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L))) + "."
                + String.format("%09d", Math.floorMod(ns, 1_000_000_000L));
    }
}
