package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark image} reads images end to end; unsafe or broken ones exit 3 and leave nothing behind. */
class ImageCommandTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private CliRun run(String... args) {
        env.put("HOME", dir.resolve("home").toString());
        String[] all = Stream.concat(Stream.of("--cache-dir", dir.resolve("cache").toString()), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(dir, env, all);
    }

    /** Every file under the test directory, except the inputs the test wrote and the cache directory. */
    private List<String> strayFiles(Path... inputs) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(dir.resolve("cache")))
                    .filter(p -> !List.of(inputs).contains(p))
                    .map(Path::toString).toList();
        }
    }

    @Test
    void readsACorpusImageEndToEndAndListsItsPackages() {
        Path image = Corpus.require("images/alpine-3.20.3-app.docker.tar.gz");
        CliRun result = run("image", "--input", image.toString(), "--scanners", "secret", "--list-all-pkgs");
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("(alpine 3.20.3)").contains("Packages: 106 (apk 14, golang 4, maven 34, npm 54)");
    }

    @Test
    void layersReadOneAtATimeOrInParallelGiveTheSameReportAndABadCountIsAUsageError() throws IOException {
        Path image = new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                        .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n\n").build(), "ADD rootfs /")
                .layer(new TarBuilder().file("app/node_modules/left-pad/package.json",
                        "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}").build(), "COPY node_modules")
                .layer(new TarBuilder().file("app/.env", "AWS_ACCESS_KEY_ID=AKIA2E0A8F3B244C9986\n").build(), "COPY .env")
                .writeDockerArchive(dir.resolve("three.tar"), "three:1", false);
        CliRun serial = run("image", "--input", image.toString(), "--scanners", "secret", "--list-all-pkgs",
                "--no-cache", "--parallel", "1", "-f", "json");
        CliRun parallel = run("image", "--input", image.toString(), "--scanners", "secret", "--list-all-pkgs",
                "--no-cache", "--parallel", "3", "-f", "json");
        assertThat(serial.exitCode()).isZero();
        assertThat(parallel.exitCode()).isZero();
        assertThat(serial.out()).contains("\"left-pad\"").contains("\"musl\"").contains("aws-access-key-id");
        assertThat(withoutTimestamps(parallel.out())).isEqualTo(withoutTimestamps(serial.out()));

        CliRun zero = run("image", "--input", image.toString(), "--parallel", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--parallel").contains("between 1 and 64");
    }

    private static String withoutTimestamps(String json) {
        return json.replaceAll("\"(createdAt|created|timestamp)\"\\s*:\\s*\"[^\"]*\"", "");
    }

    @Test
    void pathTraversalInALayerExitsThreeNamingTheLayerAndWritesNothing() throws IOException {
        Path evil = new ImageArchiveBuilder()
                .layer(new TarBuilder().file("../../etc/cron.d/evil", "* * * * * root sh").build(), "ADD x /")
                .writeDockerArchive(dir.resolve("evil.tar.gz"), "evil:1", true);
        CliRun result = run("image", "--input", "evil.tar.gz", "--scanners", "secret");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("evil.tar.gz").contains("layer 1").contains("contains '..'");
        assertThat(strayFiles(evil)).isEmpty();
        assertThat(dir.resolve("cache/tmp")).isEmptyDirectory();
    }

    @Test
    void truncatedArchivesAndMissingFilesExitThree() throws IOException {
        Path image = new ImageArchiveBuilder().layer(new TarBuilder().file("etc/os-release", "ID=x\n").build(), "ADD")
                .writeDockerArchive(dir.resolve("cut.tar.gz"), "cut:1", true);
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        CliRun truncated = run("image", "--input", "cut.tar.gz", "--scanners", "secret");
        assertThat(truncated.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(truncated.err()).contains("cut.tar.gz").contains("truncated or corrupt");

        CliRun missing = run("image", "--input", "nothing-here.tar", "--scanners", "secret");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("nothing-here.tar").contains("no such file");
        assertThat(strayFiles(image)).isEmpty();
    }

    @Test
    void anUnknownPlatformOrTagExitsThreeListingWhatThereIs() throws IOException {
        Path layout = new ImageArchiveBuilder().layer(new TarBuilder().file("a", "a").build(), "ADD")
                .writeOciLayout(Files.createDirectories(dir.resolve("oci")), "1.0", true);
        CliRun tag = run("image", "--input", "oci:2.0", "--scanners", "secret");
        assertThat(tag.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(tag.err()).contains("no image tagged '2.0'").contains("1.0");
        assertThat(run("image", "--input", layout.toString(), "--platform", "linux").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void registryOptionsAreValidatedAndAnUnreachableRegistryExitsThree() {
        CliRun both = CliRun.runWithInput(dir, Map.of("HOME", dir.toString()), "pw\n", "image", "--username", "u",
                "--password", "p", "--password-stdin", "127.0.0.1:1/app:1");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--password-stdin").contains("cannot be combined with --password");

        CliRun noUser = run("image", "--password", "p", "127.0.0.1:1/app:1");
        assertThat(noUser.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noUser.err()).contains("needs --username");

        CliRun badRef = run("image", "Not/A:Ref:!");
        assertThat(badRef.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRef.err()).contains("image reference 'Not/A:Ref:!'");

        CliRun unreachable = CliRun.runWithInput(dir, Map.of("HOME", dir.toString()), "secret\n", "--cache-dir",
                dir.resolve("cache").toString(), "image", "--username", "u", "--password-stdin", "--insecure",
                "--scanners", "secret", "127.0.0.1:1/team/app:1.0");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(unreachable.err()).contains("127.0.0.1:1/team/app:1.0").contains("cannot reach registry");
    }
}
