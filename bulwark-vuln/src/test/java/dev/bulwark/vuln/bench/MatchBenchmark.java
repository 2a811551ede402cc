package dev.bulwark.vuln.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.vuln.DatabaseImporter;
import dev.bulwark.vuln.VulnDatabase;
import dev.bulwark.vuln.VulnerabilityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching 1,000 packages against the full corpus database: the 518 RPMs of the CentOS 8.2 image (AlmaLinux data,
 * 3,896 findings), the 93 Maven/npm/Go packages of the app images, and 389 Go modules named in the Go advisories
 * at version v0.0.1 (6,303 findings in all). Three views of the same work:
 * <ul>
 *   <li>{@code match1000Packages}: the match itself, database open, JIT warm;</li>
 *   <li>{@code openAndMatch1000Packages}: open the database, match, close, JIT warm: what a scan pays for its
 *       vulnerabilities in a long-running process;</li>
 *   <li>{@code openAndMatchInAFreshJvm}: the same once per new JVM (single shot, class loading and a cold JIT
 *       included): what one {@code bulwark} command pays.</li>
 * </ul>
 * The database is the one {@code bench/vuln-db.sh} imported ({@code -Dbulwark.bench.cache}); without that
 * property the benchmark imports the corpus itself. Not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchBenchmark {

    private Path cache;
    private boolean ownCache;
    private VulnDatabase db;
    private List<Package> packages;
    private final OperatingSystem centos8 = new OperatingSystem("centos", "8", null, null, null);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path corpus = Path.of(System.getProperty("bulwark.corpus", "../shared/corpus"));
        String given = System.getProperty("bulwark.bench.cache", "");
        ownCache = given.isEmpty();
        if (ownCache) {
            cache = Files.createTempDirectory("bulwark-bench");
            new DatabaseImporter(Clock.systemUTC()).importInto(cache, List.of(corpus.resolve("advisories")));
        } else {
            cache = Path.of(given);
        }
        db = VulnDatabase.open(cache);
        packages = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("images/expected/pkgdb-centos-8.2.2004.rpm.tsv"))) {
            String[] r = line.split("\t", -1);
            String evr = (r[1].isEmpty() ? "" : r[1] + ":") + r[2] + "-" + r[3];
            Map<String, String> props = r.length > 6 && !r[6].isEmpty() ? Map.of("modularitylabel", r[6]) : Map.of();
            packages.add(pkg(PackageType.RPM, r[0], evr, props));
        }
        for (String line : Files.readAllLines(corpus.resolve("images/expected/app-layers.tsv"))) {
            String[] r = line.split("\t", -1);
            if (r.length > 5 && r[5].equals("yes") && Set.of("maven", "npm", "golang").contains(r[2])) {
                PackageType type = switch (r[2]) {
                    case "maven" -> PackageType.MAVEN;
                    case "npm" -> PackageType.NPM;
                    default -> PackageType.GOLANG;
                };
                packages.add(pkg(type, r[3], r[4], Map.of()));
            }
        }
        Set<String> modules = new LinkedHashSet<>();
        ObjectMapper mapper = new ObjectMapper();
        try (ZipFile zip = new ZipFile(corpus.resolve("advisories/Go/all.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements() && packages.size() + modules.size() < 1000) {
                JsonNode record = mapper.readTree(zip.getInputStream(entries.nextElement()));
                for (JsonNode a : record.path("affected")) {
                    String name = a.path("package").path("name").asText();
                    if (!name.isEmpty() && !name.equals("stdlib") && packages.size() + modules.size() < 1000) {
                        modules.add(name);
                    }
                }
            }
        }
        modules.forEach(m -> packages.add(pkg(PackageType.GOLANG, m, "v0.0.1", Map.of())));
        if (packages.size() != 1000) {
            throw new IllegalStateException("expected 1000 packages, built " + packages.size());
        }
    }

    private static Package pkg(PackageType type, String name, String version, Map<String, String> properties) {
        return new Package(type, name, version, null, null, null, null, List.of(), List.of(), null, properties);
    }

    @Benchmark
    public List<VulnerabilityFinding> match1000Packages() {
        return new VulnerabilityMatcher(db).match(centos8, packages);
    }

    @Benchmark
    public List<VulnerabilityFinding> openAndMatch1000Packages() {
        try (VulnDatabase opened = VulnDatabase.open(cache)) {
            return new VulnerabilityMatcher(opened).match(centos8, packages);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public List<VulnerabilityFinding> openAndMatchInAFreshJvm() {
        return openAndMatch1000Packages();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
        if (ownCache) {
            Files.deleteIfExists(VulnDatabase.file(cache));
            Files.deleteIfExists(VulnDatabase.file(cache).getParent());
            Files.deleteIfExists(cache);
        }
    }
}
