package dev.bulwark.secret.bench;

import dev.bulwark.core.Location;
import dev.bulwark.secret.SecretRuleSet;
import dev.bulwark.secret.SecretScanOptions;
import dev.bulwark.secret.SecretScanner;
import dev.bulwark.secret.internal.TextSniffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Secret-scanning throughput on one thread, in MB of scanned text per second (run by {@code bench/secret-throughput.sh}).
 *
 * <p>Inputs, all from the shared corpus: {@code text} = every text file (binary content sniffed out, at most 1 MiB)
 * of every layer of the two app images: Alpine and Debian base files, Perl modules, node_modules JavaScript, configs
 * and the planted secrets; {@code cases} = gitleaks' rule test cases, small strings dense with secrets. Rule sets:
 * {@code builtin} (Bulwark's rules) and {@code gitleaks} (gitleaks' default config loaded through the same engine,
 * with gitleaks' semantics: regex over the whole file once a keyword occurs), the baseline of the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SecretScanBenchmark {

    @Param({"text", "cases"})
    public String input;

    @Param({"builtin", "gitleaks"})
    public String rules;

    private List<byte[]> files;
    private SecretScanner scanner;

    @Setup
    public void setUp() throws IOException {
        Path corpus = Path.of(System.getProperty("bulwark.corpus", "../shared/corpus"));
        files = input.equals("text") ? textFiles(corpus) : cases(corpus);
        SecretRuleSet ruleSet = rules.equals("builtin") ? SecretRuleSet.builtIn()
                : SecretRuleSet.loadGitleaksConfig(corpus.resolve("secrets/gitleaks.toml"));
        scanner = SecretScanner.create(ruleSet, SecretScanOptions.defaults());
    }

    @Benchmark
    public void scan(Blackhole sink) {
        Location location = Location.of("file.txt");
        for (byte[] file : files) {
            sink.consume(scanner.scanContent(location, file, true));
        }
    }

    private static void cpuTime(Path corpus) throws IOException {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%n%-8s %14s %14s %14s %10s%n", "input", "MB scanned", "built-in MB/s",
                "gitleaks MB/s", "ratio");
        for (String in : List.of("text", "cases")) {
            List<byte[]> files = in.equals("text") ? textFiles(corpus) : cases(corpus);
            double[] rates = new double[2];
            int i = 0;
            for (String set : List.of("builtin", "gitleaks")) {
                SecretRuleSet ruleSet = set.equals("builtin") ? SecretRuleSet.builtIn()
                        : SecretRuleSet.loadGitleaksConfig(corpus.resolve("secrets/gitleaks.toml"));
                SecretScanner scanner = SecretScanner.create(ruleSet, SecretScanOptions.defaults());
                int passes = set.equals("builtin") ? 10 : 2;
                for (int pass = 0; pass < 5; pass++) {
                    scanAll(scanner, files);
                }
                long start = threads.getCurrentThreadCpuTime();
                for (int pass = 0; pass < passes; pass++) {
                    scanAll(scanner, files);
                }
                double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                rates[i++] = bytes(files) * passes / 1e6 / seconds;
            }
            System.out.printf(Locale.ROOT, "%-8s %14.1f %14.1f %14.1f %10.2f%n", in, bytes(files) / 1e6, rates[0],
                    rates[1], rates[0] / rates[1]);
        }
    }

    private static void scanAll(SecretScanner scanner, List<byte[]> files) {
        Location location = Location.of("file.txt");
        for (byte[] file : files) {
            scanner.scanContent(location, file, true);
        }
    }

    static long bytes(List<byte[]> files) {
        long total = 0;
        for (byte[] file : files) {
            total += file.length;
        }
        return total;
    }

    static List<byte[]> cases(Path corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("secrets/gitleaks-rule-cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            for (String key : List.of("tps", "fps")) {
                row.get(key).forEach(text -> out.add(text.asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    static List<byte[]> textFiles(Path corpus) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String image : List.of("images/alpine-3.20.3-app.oci.tar", "images/debian-13-slim-app.docker.tar.gz")) {
            for (byte[] layer : layers(corpus.resolve(image))) {
                try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
                    for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                        if (entry.isFile() && entry.getSize() > 0 && entry.getSize() <= 1 << 20) {
                            byte[] content = in.readAllBytes();
                            if (!TextSniffer.isBinary(content, content.length)) {
                                out.add(content);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<byte[]> layers(Path archive) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        InputStream raw = Files.newInputStream(archive);
        InputStream stream = archive.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        try (TarArchiveInputStream in = new TarArchiveInputStream(stream)) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    entries.put(entry.getName().replaceFirst("^\\./", ""), in.readAllBytes());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        List<byte[]> layers = new ArrayList<>();
        if (entries.containsKey("index.json")) {
            JsonNode index = json.readTree(entries.get("index.json"));
            String manifestDigest = index.get("manifests").get(0).get("digest").asText();
            JsonNode manifest = json.readTree(entries.get("blobs/" + manifestDigest.replace(':', '/')));
            for (JsonNode layer : manifest.get("layers")) {
                byte[] gz = entries.get("blobs/" + layer.get("digest").asText().replace(':', '/'));
                layers.add(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
            }
        } else {
            JsonNode manifest = json.readTree(entries.get("manifest.json")).get(0);
            for (JsonNode layer : manifest.get("Layers")) {
                layers.add(entries.get(layer.asText()));
            }
        }
        return layers;
    }

    /**
     * Runs the benchmark and prints MB/s per input and rule set, with the ratio against the gitleaks rules. With
     * {@code cpu}, skips JMH and divides by the scanning thread's CPU time instead of wall time (10 passes after 5
     * warm-up passes): on a machine shared with other jobs this approximates what one idle core achieves.
     */
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(System.getProperty("bulwark.corpus", "../shared/corpus"));
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTime(corpus);
            return;
        }
        Map<String, Long> sizes = Map.of("text", bytes(textFiles(corpus)), "cases", bytes(cases(corpus)));
        OptionsBuilder options = new OptionsBuilder();
        options.include(SecretScanBenchmark.class.getSimpleName()).threads(1)
                .jvmArgsAppend("-Dbulwark.corpus=" + corpus.toAbsolutePath());
        if (args.length > 0 && args[0].equals("quick")) {
            options.warmupIterations(1).measurementIterations(2);
        }
        Map<String, Double> mbPerSecond = new HashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String in = result.getParams().getParam("input");
            String set = result.getParams().getParam("rules");
            double ms = result.getPrimaryResult().getScore();
            mbPerSecond.put(in + "/" + set, sizes.get(in) / 1e6 / (ms / 1000));
        }
        System.out.printf(Locale.ROOT, "%n%-8s %14s %14s %14s %10s%n", "input", "MB scanned", "built-in MB/s",
                "gitleaks MB/s", "ratio");
        for (String in : List.of("text", "cases")) {
            double ours = mbPerSecond.getOrDefault(in + "/builtin", Double.NaN);
            double theirs = mbPerSecond.getOrDefault(in + "/gitleaks", Double.NaN);
            System.out.printf(Locale.ROOT, "%-8s %14.1f %14.1f %14.1f %10.2f%n", in, sizes.get(in) / 1e6, ours,
                    theirs, ours / theirs);
        }
    }
}
