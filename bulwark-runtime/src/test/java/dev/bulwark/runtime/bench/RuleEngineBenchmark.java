package dev.bulwark.runtime.bench;

import dev.bulwark.runtime.AlertSink;
import dev.bulwark.runtime.CaptureReplay;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.engine.Counters;
import dev.bulwark.runtime.engine.RuleEngine;
import dev.bulwark.runtime.engine.SyscallPipeline;
import dev.bulwark.runtime.scap.CaptureInfo;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.ScapReader;
import dev.bulwark.runtime.state.StateTracker;
import dev.bulwark.runtime.state.SyscallEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Syscall events per second through the full default ruleset on one thread (run by {@code bench/runtime-rules.sh}).
 *
 * <p>A corpus capture is read once into memory; every pass replays all its events through a fresh process/fd state
 * table and the rule engine, exactly the path of {@code bulwark runtime replay} ({@link SyscallPipeline}: state
 * update, Falco's simple-consumer filter, event-type index, rule conditions, alerts into a counting sink), and the
 * passes repeat ({@code pipeline}; the rule engine is built once). {@code replay} is a whole
 * {@code CaptureReplay.run} per pass: it also decodes the capture's blocks from the in-memory bytes and builds the rule
 * index. Rule sets: {@code current} (the corpus's {@code rules/falco_rules.yaml}) and {@code falco-0.32.2} (Falco
 * 0.32.2's default {@code falco_rules.yaml}). {@code all}: whether rules also see the reads, writes and other
 * high-volume events Falco hides without {@code -A}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RuleEngineBenchmark {

    static final String TRACES = "falco/legacy-tests-falco-0.32.2/trace_files/";

    @Param({"psp/run_as_user_0_container.scap", "open-multiple-files.scap"})
    public String capture;

    @Param({"current", "falco-0.32.2"})
    public String rules;

    @Param({"false", "true"})
    public boolean all;

    private Loaded loaded;

    /** A capture in memory: its bytes, its decoded header and events, and the rules and options to run. */
    record Loaded(byte[] bytes, CaptureInfo info, List<ScapEvent> events, RuleSet rules, EngineOptions options,
                  RuleEngine<SyscallEvent> engine, Counters counters) {

        static Loaded of(Path corpus, String capture, String rules, boolean all) throws IOException {
            Path file = capture.startsWith("psp/")
                    ? corpus.resolve("falco/legacy-tests-falco-0.31.1-psp/trace_files/" + capture)
                    : corpus.resolve(TRACES + capture);
            byte[] bytes = Files.readAllBytes(file);
            List<ScapEvent> events = new ArrayList<>();
            CaptureInfo info;
            try (ScapReader reader = ScapReader.open(capture, new ByteArrayInputStream(bytes))) {
                info = reader.info();
                for (ScapEvent e; (e = reader.next()) != null; ) {
                    events.add(e);
                }
            }
            Path ruleFile = rules.equals("current") ? corpus.resolve("falco/rules/falco_rules.yaml")
                    : corpus.resolve("falco/legacy-tests-falco-0.32.2/rules-0.32.2/falco_rules.yaml");
            EngineOptions options = EngineOptions.DEFAULTS.withAllEvents(all);
            RuleSet ruleSet = RuleSet.load(List.of(ruleFile));
            Counters counters = new Counters();
            return new Loaded(bytes, info, List.copyOf(events), ruleSet, options,
                    RuleEngine.syscall(ruleSet, options, counters), counters);
        }

        /**
         * One pass over the decoded events through a fresh state table (built from the capture's process list) and
         * the rule engine built once, as a long replay or the live sensor runs it; returns the alerts raised.
         */
        long pipeline() {
            long[] alerts = new long[1];
            AlertSink sink = a -> alerts[0]++;
            SyscallPipeline pipeline = new SyscallPipeline(new StateTracker(info, CaptureReplay.MAX_THREADS), engine,
                    options, options.enterEvents().skips(rules), counters, sink);
            for (ScapEvent event : events) {
                pipeline.accept(event);
            }
            return alerts[0];
        }

        /** One {@code bulwark runtime replay} from the bytes: decoding, rule index, state table and rules. */
        long replay() {
            long[] alerts = new long[1];
            CaptureReplay.run("capture", new ByteArrayInputStream(bytes), rules, options, a -> alerts[0]++);
            return alerts[0];
        }
    }

    @Setup
    public void setUp() throws IOException {
        loaded = Loaded.of(corpus(), capture, rules, all);
    }

    @Benchmark
    public long pipeline() {
        return loaded.pipeline();
    }

    @Benchmark
    public long replay() {
        return loaded.replay();
    }

    static Path corpus() {
        return Path.of(System.getProperty("bulwark.corpus", "../shared/corpus"));
    }

    /**
     * Runs the benchmark (or, with {@code cpu}, timed passes on the thread's CPU time instead of JMH's wall clock,
     * for a machine shared with other jobs) and prints events per second for every case.
     */
    public static void main(String[] args) throws Exception {
        boolean cpu = args.length > 0 && args[0].equals("cpu");
        boolean quick = args.length > 0 && args[0].equals("quick");
        System.out.printf(Locale.ROOT, "%-36s %-13s %-5s %-8s %8s %10s %14s%n", "capture", "rules", "-A", "method",
                "events", "us/pass", "events/s");
        if (cpu) {
            cpuTime();
            return;
        }
        OptionsBuilder options = new OptionsBuilder();
        options.include(RuleEngineBenchmark.class.getSimpleName());
        if (quick) {
            options.warmupIterations(1).measurementIterations(2);
        }
        for (RunResult result : new Runner(options.build()).run()) {
            var params = result.getParams();
            Loaded loaded = Loaded.of(corpus(), params.getParam("capture"), params.getParam("rules"),
                    Boolean.parseBoolean(params.getParam("all")));
            double micros = result.getPrimaryResult().getScore();
            String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            print(params.getParam("capture"), params.getParam("rules"), params.getParam("all"), method,
                    loaded.events().size(), micros);
        }
    }

    private static void cpuTime() throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Loaded first = Loaded.of(corpus(), "psp/run_as_user_0_container.scap", "current", false);
        long warmUp = System.nanoTime() + 10_000_000_000L; // JIT-compile the shared path before the first case
        while (System.nanoTime() < warmUp) {
            first.pipeline();
            first.replay();
        }
        for (String capture : List.of("psp/run_as_user_0_container.scap", "open-multiple-files.scap")) {
            for (String rules : List.of("current", "falco-0.32.2")) {
                for (boolean all : List.of(false, true)) {
                    Loaded loaded = Loaded.of(corpus(), capture, rules, all);
                    for (String method : List.of("pipeline", "replay")) {
                        Runnable pass = method.equals("pipeline") ? loaded::pipeline : loaded::replay;
                        long deadline = System.nanoTime() + 3_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            pass.run();
                        }
                        int passes = 0;
                        long start = threads.getCurrentThreadCpuTime();
                        long wallEnd = System.nanoTime() + 5_000_000_000L;
                        while (System.nanoTime() < wallEnd) {
                            pass.run();
                            passes++;
                        }
                        double micros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / passes;
                        print(capture, rules, String.valueOf(all), method, loaded.events().size(), micros);
                    }
                }
            }
        }
    }

    private static void print(String capture, String rules, String all, String method, int events, double micros) {
        System.out.printf(Locale.ROOT, "%-36s %-13s %-5s %-8s %8d %10.1f %14.0f%n", capture, rules, all, method,
                events, micros, events / micros * 1e6);
    }
}
