package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.Corpus;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code image}, {@code rootfs} and {@code fs} list packages as a table ({@code --list-all-pkgs}) and write CycloneDX
 * and SPDX SBOMs (which run no scanner unless {@code --scanners} asks, so they need no database).
 */
class InventoryCommandsTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] all = Stream.concat(Stream.of("--cache-dir", dir.resolve("cache").toString()), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(dir, Map.of("HOME", dir.resolve("home").toString()), all);
    }

    @Test
    void imageTableListsOsAndLanguagePackagesWithTheirLayers() {
        Path image = Corpus.require("images/debian-13-slim-app.docker.tar.gz");
        CliRun result = run("image", "--input", image.toString(), "--list-all-pkgs", "--scanners", "secret");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("(debian 13)").contains("Packages: 170 (deb 78, golang 4, maven 34, npm 54)")
                .containsPattern("deb +bsdutils +1:2\\.41\\.5-0\\+deb13u1 +1 +/var/lib/dpkg/status")
                .containsPattern("maven +org\\.springframework:spring-core +5\\.3\\.17 +2 +/app/lib/spring-core");
    }

    @Test
    void imageWritesCycloneDxToAFileAndSpdxToStandardOutput() throws IOException {
        Path image = Corpus.require("images/alpine-3.12.12.oci.tar");
        CliRun cdx = run("image", "--input", image.toString(), "--format", "cyclonedx", "-o", "sbom.cdx.json");
        assertThat(cdx.exitCode()).as(cdx.err()).isZero();
        assertThat(cdx.out()).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(dir.resolve("sbom.cdx.json").toFile());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("components")).hasSize(15);
        assertThat(bom.path("components").get(0).path("type").asText()).isEqualTo("operating-system");

        CliRun spdx = run("image", "--input", image.toString(), "--format", "spdx-json");
        assertThat(spdx.exitCode()).as(spdx.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(spdx.out());
        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("packages")).hasSize(16);
        assertThat(spdx.err()).doesNotContain("WARN").doesNotContain("Exception");
    }

    @Test
    void rootfsListsInstalledPackages() throws IOException {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("lib/apk/db"));
        Files.writeString(rootfs.resolve("etc/alpine-release"), "3.20.3\n");
        Files.writeString(rootfs.resolve("lib/apk/db/installed"), "P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\n");
        CliRun result = run("rootfs", "rootfs", "--list-all-pkgs", "--scanners", "secret");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("(alpine 3.20.3)").containsPattern("apk +musl +1\\.2\\.5-r0 +- +/lib/apk");
    }

    @Test
    void fsReadsLockfilesWithPathsRelativeToTheDirectory() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project/web"));
        Files.writeString(project.resolve("package-lock.json"), "{\"name\":\"web\",\"version\":\"1.0.0\","
                + "\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"web\",\"version\":\"1.0.0\"},"
                + "\"node_modules/lodash\":{\"version\":\"4.17.15\"}}}");
        Files.writeString(dir.resolve("project/requirements.txt"), "requests==2.31.0\nflask>=2\n");
        CliRun result = run("fs", "project", "--list-all-pkgs", "--scanners", "secret");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("npm +lodash +4\\.17\\.15 +- +web/package-lock\\.json")
                .containsPattern("pypi +requests +2\\.31\\.0 +- +requirements\\.txt").doesNotContain("flask");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Path image = Corpus.require("images/alpine-3.12.12.oci.tar");
        CliRun result = run("image", "--input", image.toString(), "--format", "xml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--format").contains("unknown format 'xml'");
    }

    @Test
    void missingDirectoryIsAnInputError() {
        CliRun result = run("fs", "nope");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("nope").contains("not a directory");
    }

    @Test
    void malformedFilesAreWarningsNamingThemAndTheScanGoesOn() throws IOException {
        new ImageArchiveBuilder().layer(new TarBuilder().file("etc/alpine-release", "3.20.3\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n\nP:broken\nA:x86_64\n\n")
                .file("app/x.jar", "not a zip").build(), "ADD rootfs")
                .writeDockerArchive(dir.resolve("bad.tar"), "bad:1", false);
        CliRun result = run("image", "--input", "bad.tar", "--list-all-pkgs", "--scanners", "secret");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("/app/x.jar: not a").contains("/lib/apk/db/installed: line 5: stanza without V");
        assertThat(result.out()).contains("musl").contains("1.2.5-r0");
    }
}
