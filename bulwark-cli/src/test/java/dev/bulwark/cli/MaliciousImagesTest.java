package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.MaliciousImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile image of issue 10, built by {@link MaliciousImages}, through the real command line
 * ({@code bulwark image --input X --scanners vuln,secret,misconfig}, JSON and CycloneDX): each ends with the outcome
 * asserted here (exit 3 and a message naming the image and the problem, or a warning and a finished scan), nothing
 * is created outside the cache directory, nothing from the host files the image aims at (the sentinels) appears in
 * any report, and the heavy cases run in a separate JVM limited to {@value #HEAP} of heap.
 * The table in {@code docs/security.md} lists these tests.
 */
class MaliciousImagesTest {

    private static final String HEAP = "256m";
    private static final String SCANNERS = "vuln,secret,misconfig";

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static MaliciousImages images;
    private static Path cache;

    /** A tiny database (one advisory for musl, one for the sentinel package) imported with {@code db import}. */
    @BeforeAll
    static void importDatabase() throws IOException {
        images = new MaliciousImages(shared.resolve("images"));
        cache = shared.resolve("cache");
        Path advisories = Files.createDirectories(shared.resolve("advisories"));
        Files.writeString(advisories.resolve("BW-TEST-1.json"), advisory("BW-TEST-1", "musl", "1.2.5-r1"));
        Files.writeString(advisories.resolve("BW-TEST-2.json"), advisory("BW-TEST-2",
                MaliciousImages.SENTINEL_PACKAGE, "7.0.0-r0"));
        CliRun imported = CliRun.run(shared, Map.of("HOME", shared.toString()), "--cache-dir", cache.toString(),
                "db", "import", advisories.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private static String advisory(String id, String pkg, String fixed) {
        return "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\","
                + "\"summary\":\"test advisory\",\"affected\":[{\"package\":{\"ecosystem\":\"Alpine:v3.20\",\"name\":\""
                + pkg + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
                + fixed + "\"}]}]}]}";
    }

    // ------------------------------------------------------------------------------------------------ running

    private record Outcome(int exitCode, String out, String err) {
        String all() {
            return out + "\n" + err;
        }

        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private static List<String> scanArgs(Path image, String format, String... extra) {
        List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString(), "image", "--input",
                image.toString(), "--scanners", SCANNERS, "--list-all-pkgs", "--format", format));
        args.addAll(List.of(extra));
        return args;
    }

    /** Runs the scan in this JVM and checks that it left nothing behind outside the cache. */
    private Outcome scan(Path image, String format, String... extra) throws IOException {
        return checked(() -> {
            CliRun run = CliRun.run(work, Map.of("HOME", work.toString()),
                    scanArgs(image, format, extra).toArray(String[]::new));
            return new Outcome(run.exitCode(), run.out(), run.err());
        });
    }

    private Outcome scan(Path image) throws IOException {
        return scan(image, "json");
    }

    /** Runs the scan in a new JVM with {@value #HEAP} of heap, and checks that it left nothing behind. */
    private Outcome scanInSmallHeap(Path image, String... extra) throws IOException {
        return checked(() -> {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(scanArgs(image, "json", extra));
            Path logs = Files.createDirectories(shared.resolve("logs"));
            Path out = Files.createTempFile(logs, "out-", ".txt");
            Path err = Files.createTempFile(logs, "err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("HOME", work.toString());
            Process process = builder.start();
            try {
                assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
            assertThat(outcome.err()).doesNotContain("OutOfMemoryError");
            return outcome;
        });
    }

    private interface Run {
        Outcome run() throws IOException;
    }

    /**
     * Runs a scan and asserts what must hold for every hostile input: no file outside the cache directory was
     * created, changed or removed (the images, the sentinels and the working directory are compared before and
     * after), the cache's spool directory is empty again, and nothing from the sentinels shows up.
     */
    private Outcome checked(Run run) throws IOException {
        Map<String, String> before = snapshot();
        Outcome outcome = run.run();
        assertThat(snapshot()).as("files outside the cache directory").isEqualTo(before);
        Path spool = cache.resolve("tmp");
        if (Files.isDirectory(spool)) {
            assertThat(spool).as("the cache's spool directory").isEmptyDirectory();
        }
        assertThat(outcome.all()).as("output mentions a host sentinel")
                .doesNotContain(MaliciousImages.SENTINEL_PACKAGE).doesNotContain(MaliciousImages.SENTINEL_OS)
                .doesNotContain("BW-TEST-2").doesNotContain("6.6.6");
        assertThat(outcome.err()).doesNotContain("internal error").doesNotContain("OutOfMemoryError")
                .doesNotContain("StackOverflowError");
        return outcome;
    }

    /** path -> size and modification time, for every file under the test directories except the cache and logs. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : List.of(shared, work)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(p -> !p.startsWith(cache) && !p.startsWith(shared.resolve("logs")))
                        .toList()) {
                    files.put(p.toString(), Files.isDirectory(p) ? "dir"
                            : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return files;
    }

    private static void assertUnusable(Outcome outcome, Path image, String... problem) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.INPUT);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).contains(image.toString());
        for (String text : problem) {
            assertThat(outcome.err()).contains(text);
        }
    }

    private static List<String> packages(Outcome outcome) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode result : outcome.json().path("results")) {
            for (JsonNode p : result.path("packages")) {
                names.add(p.path("name").asText() + "@" + p.path("version").asText());
            }
        }
        return names;
    }

    private static List<String> findingIds(Outcome outcome, String kind, String idField) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode result : outcome.json().path("results")) {
            for (JsonNode f : result.path(kind)) {
                ids.add(f.path(idField).asText());
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ control

    @Test
    void theSentinelFilesAreReportedWhenTheyAreInsideTheImage() throws IOException {
        CliRun run = CliRun.run(work, Map.of("HOME", work.toString()),
                scanArgs(images.sentinelsInside(), "json").toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(MaliciousImages.SENTINEL_PACKAGE).contains("BW-TEST-2")
                .contains(MaliciousImages.SENTINEL_PACKAGE + "-npm").contains("github-pat")
                .contains(MaliciousImages.SENTINEL_OS);
    }

    // ------------------------------------------------------------------------------------------------ names

    @Test
    void anEntryClimbingWithDotDotExitsThreeAndPlantsNothing() throws IOException {
        Path image = images.dotDotEntry();
        assertUnusable(scan(image), image, "layer 1", "unsafe entry", "'../../outside/planted' contains '..'");
        assertThat(images.sentinelDir().resolve("planted")).doesNotExist();
    }

    @Test
    void anAbsoluteEntryNameExitsThreeAndPlantsNothing() throws IOException {
        Path image = images.absoluteEntry();
        assertUnusable(scan(image), image, "layer 1", "unsafe entry", "absolute entry name");
        assertThat(images.sentinelDir().resolve("planted")).doesNotExist();
    }

    // ------------------------------------------------------------------------------------------------ links

    @Test
    void symlinksToHostFilesAreResolvedInsideTheImageAndReadNothingOfTheHost() throws IOException {
        Path image = images.symlinksToHostFiles();
        for (String format : List.of("json", "cyclonedx")) {
            Outcome outcome = scan(image, format);
            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).doesNotContain("github-pat").doesNotContain("BW-DS-");
        }
        Outcome json = scan(image);
        assertThat(packages(json)).isEmpty();
        assertThat(findingIds(json, "secrets", "ruleId")).isEmpty();
    }

    @Test
    void directoriesReplacedBySymlinksToTheHostNeitherLeakReadsNorWrites() throws IOException {
        Path image = images.symlinksThroughParentDirectories();
        Outcome outcome = scan(image);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(packages(outcome)).isEmpty();
        assertThat(images.sentinelDir().resolve("written-through-link")).doesNotExist();
        assertThat(images.sentinelDir().resolve("passwd")).doesNotExist();
    }

    @Test
    void hardlinksToSymlinksToHostFilesReadNothingOfTheHost() throws IOException {
        Path image = images.hardlinksToSymlinks();
        for (String format : List.of("json", "cyclonedx")) {
            Outcome outcome = scan(image, format);
            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).doesNotContain("github-pat").doesNotContain("BW-DS-");
        }
    }

    @Test
    void aWhiteoutOfDotDotExitsThreeNamingTheWhiteout() throws IOException {
        Path image = images.whiteoutOfDotDot();
        assertUnusable(scan(image), image, "layer 2", "unsafe whiteout 'etc/.wh...'");
    }

    // ------------------------------------------------------------------------------------------------ special files

    @Test
    void deviceFilesAndFifosAreIndexedButNeverOpened() throws IOException {
        Outcome outcome = scan(images.deviceFiles());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(packages(outcome)).isEmpty(); // the apk database is a character device: nothing to read
        assertThat(outcome.json().path("artifact").toString()).contains("alpine");
    }

    @Test
    void setuidFilesAreScannedLikeAnyOther() throws IOException {
        Outcome outcome = scan(images.setuidFiles());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.json().path("artifact").toString()).contains("alpine");
    }

    // ------------------------------------------------------------------------------------------------ sizes

    @Test
    void aFileClaimingTenGibibytesOnAShortStreamExitsThreeAsTruncated() throws IOException {
        Path image = images.claimedHugeFile();
        Outcome outcome = scanInSmallHeap(image);
        assertUnusable(outcome, image, "layer 1");
        assertThat(outcome.err()).containsPattern("truncated|malformed tar");
    }

    @Test
    void sparseFilesOfTenGibibytesAreScannedInBoundedMemory() throws IOException {
        Outcome outcome = scanInSmallHeap(images.sparseHugeFiles());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.json().path("artifact").toString()).contains("alpine");
        assertThat(outcome.json().path("warnings").toString())
                .contains("/lib/apk/db/installed: larger than 33554432 bytes")
                .contains("/app/app.jar: not a readable zip archive");
    }

    @Test
    void gzipAndZstdLayerBombsStopAtTheRatioLimitInBoundedMemory() throws IOException {
        for (Path image : List.of(images.gzipBomb(), images.zstdBomb())) {
            assertUnusable(scanInSmallHeap(image), image, "layer 1", "compression ratio above 1000:1");
        }
    }

    @Test
    void aWholeArchiveGzipBombStopsAtTheRatioLimitBeforeFillingTheCache() throws IOException {
        Path image = images.gzipArchiveBomb();
        assertUnusable(scanInSmallHeap(image), image, "compression ratio above 1000:1");
    }

    @Test
    void aMillionEmptyFilesAreScannedInBoundedMemory() throws IOException {
        Outcome outcome = scanInSmallHeap(images.millionEmptyFiles());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.json().path("results").isArray()).isTrue();
    }

    @Test
    void directoriesNested4096LevelsDeepExitThreeNamingTheDepthLimit() throws IOException {
        Path image = images.deepDirectories(4096);
        assertUnusable(scan(image), image, "layer 1", "unsafe entry",
                "entry name nested deeper than 1024 directories");
    }

    @Test
    void aFileNameOf65536CharactersExitsThreeNamingTheLengthLimit() throws IOException {
        Path image = images.longFileName(1 << 16);
        assertUnusable(scan(image), image, "layer 1", "unsafe entry",
                "entry name longer than 4096 characters");
    }

    @Test
    void duplicateEntriesAreReadLikeTarExtractionTheLastOneWins() throws IOException {
        Outcome outcome = scan(images.duplicateEntries());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(packages(outcome)).containsExactly("second-pkg@2.0-r0");
    }

    // ------------------------------------------------------------------------------------------------ metadata

    @Test
    void anIndexThatListsItselfExitsThree() throws IOException {
        Path image = images.indexCycle();
        assertUnusable(scan(image), image, "has digest", "expected sha256:" + "c".repeat(64));
    }

    @Test
    void blobsWhoseContentDoesNotMatchTheirDigestExitThreeNamingTheBlob() throws IOException {
        Path layer = images.wrongLayerDigest();
        assertUnusable(scan(layer), layer, "layer 1", "blob has digest", "but the manifest says");
        Path config = images.wrongConfigDigest();
        assertUnusable(scan(config), config, "has digest", ", expected sha256:");
        Path manifest = images.wrongManifestDigest();
        assertUnusable(scan(manifest), manifest, "has digest", ", expected sha256:");
        Path diffId = images.wrongDiffId();
        assertUnusable(scan(diffId), diffId, "layer 1", "but the image config says");
    }

    @Test
    void anImageConfigNestedAMillionLevelsDeepExitsThreeNamingTheConfig() throws IOException {
        Path image = images.deepJsonConfig(1_000_000);
        assertUnusable(scanInSmallHeap(image), image, "nesting depth");
    }

    /**
     * Package manifests are warnings; YAML in an image that is not a readable manifest is common (and not the
     * image's problem), so the refused alias bomb is logged at debug level only.
     */
    @Test
    void deepJsonAndYamlAliasBombsInsideTheImageAreRefusedAndTheScanGoesOn() throws IOException {
        Outcome outcome = scanInSmallHeap(images.hostileDocuments(1_000_000), "--debug");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(packages(outcome)).contains("musl@1.2.5-r0");
        assertThat(findingIds(outcome, "vulnerabilities", "id")).contains("BW-TEST-1");
        assertThat(outcome.json().path("warnings").toString())
                .contains("/app/node_modules/deep/package.json: not valid JSON (Document nesting depth")
                .contains("/app/package-lock.json: not valid JSON (Document nesting depth");
        assertThat(outcome.err()).containsPattern("/app/deploy/bomb.yaml.*alias");
    }

    @Test
    void yamlAliasBombsAndDeepJsonGivenOnTheCommandLineAreRefusedNamingTheFile() throws IOException {
        Path image = images.sentinelsInside();
        Path bomb = Files.writeString(shared.resolve("bomb.yaml"), MaliciousImages.yamlAliasBomb());
        CliRun config = CliRun.run(work, Map.of("HOME", work.toString()), "--config", bomb.toString(), "version");
        assertThat(config.exitCode()).as(config.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(config.err()).contains(bomb.toString());

        Path ignore = Files.writeString(shared.resolve("ignore.yaml"), MaliciousImages.yamlAliasBomb());
        CliRun ignored = CliRun.run(work, Map.of("HOME", work.toString()),
                scanArgs(image, "json", "--ignorefile", ignore.toString()).toArray(String[]::new));
        assertThat(ignored.exitCode()).as(ignored.err()).isEqualTo(ExitCodes.INPUT);
        assertThat(ignored.err()).contains(ignore.toString());

        Path vex = Files.writeString(shared.resolve("deep.vex.json"), MaliciousImages.deepJson(1_000_000));
        CliRun deep = CliRun.run(work, Map.of("HOME", work.toString()),
                scanArgs(image, "json", "--vex", vex.toString()).toArray(String[]::new));
        assertThat(deep.exitCode()).as(deep.err()).isEqualTo(ExitCodes.INPUT);
        assertThat(deep.err()).contains(vex.toString()).doesNotContain("internal error");
    }

    // ------------------------------------------------------------------------------------------------ jars

    @Test
    void aJarZipBombIsSkippedWithAWarningInBoundedMemory() throws IOException {
        Outcome outcome = scanInSmallHeap(images.jarZipBomb());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.json().path("warnings").toString()).contains("/app/bomb.jar: BOOT-INF/lib/zeros.jar "
                + "expands from").contains("a zip bomb?");
    }

    @Test
    void jarsNested50LevelsDeepAreReadToTheDepthLimitWithAWarning() throws IOException {
        Outcome outcome = scan(images.nestedJars(50));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        List<String> packages = packages(outcome);
        assertThat(packages).contains("nest:level-0@1.0.0", "nest:level-8@1.0.8")
                .doesNotContain("nest:level-9@1.0.9", "nest:level-49@1.0.49");
        assertThat(outcome.json().path("warnings").toString()).contains("/app/level-0.jar").contains("nested");
    }
}
