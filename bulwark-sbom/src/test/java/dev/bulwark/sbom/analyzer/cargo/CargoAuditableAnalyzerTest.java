package dev.bulwark.sbom.analyzer.cargo;

import static dev.bulwark.sbom.analyzer.cargo.AuditableBinaries.JSON;
import static dev.bulwark.sbom.analyzer.cargo.AuditableBinaries.elf;
import static dev.bulwark.sbom.analyzer.cargo.AuditableBinaries.zlib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rust crates from the cargo-auditable section of ELF, PE and Mach-O executables in image layers. */
class CargoAuditableAnalyzerTest {

    @TempDir
    Path dir;

    /** A base layer with an unrelated ELF and a script, then a layer adding {@code binary} as /usr/local/bin/hello. */
    private Inventory scan(byte[] binary) throws IOException {
        return scan(new TarBuilder().file("usr/local/bin/hello", binary, 0755));
    }

    private Inventory scan(TarBuilder appLayer) throws IOException {
        byte[] base = new TarBuilder().file("usr/bin/plain", elf(null), 0755)
                .file("usr/bin/script", ("#!/bin/sh\n" + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8), 0755)
                .build();
        return TestScans.scan(new ImageArchiveBuilder().layer(base, "ADD base").layer(appLayer.build(), "COPY hello"),
                dir);
    }

    @Test
    void reportsRuntimeCratesOfAnElfExecutableWithTheRootAsMainComponent() throws IOException {
        Inventory inventory = scan(elf(zlib(JSON)));

        assertThat(inventory.warnings()).isEmpty();
        assertCrates(inventory, "/usr/local/bin/hello");
        Package hello = inventory.packages().getFirst();
        assertThat(hello.properties()).containsEntry("main", "true").containsEntry("source", "local");
        assertThat(inventory.packages().get(1).properties()).doesNotContainKey("main")
                .containsEntry("source", "crates.io");
        assertThat(inventory.packages()).allSatisfy(p -> assertThat(p.layer().index()).isEqualTo(1));
    }

    @Test
    void dependencyIndicesBecomeRelationshipsAndEdgesToBuildOnlyCratesAreDropped() throws IOException {
        Inventory inventory = scan(elf(zlib(JSON)));

        assertThat(inventory.relationships()).extracting(r -> name(r.parent()) + " -> " + name(r.child()))
                .containsExactlyInAnyOrder("hello -> serde", "hello -> serde_json", "serde_json -> serde");
        assertThat(inventory.relationships()).extracting(Relationship::type).containsOnly(
                Relationship.Type.DEPENDS_ON);
    }

    @Test
    void readsThirtyTwoBitAndBigEndianElf() throws IOException {
        assertCrates(scan(elf(zlib(JSON), false, ByteOrder.LITTLE_ENDIAN, 8192)), "/usr/local/bin/hello");
        assertCrates(scan(elf(zlib(JSON), true, ByteOrder.BIG_ENDIAN, 8192)), "/usr/local/bin/hello");
    }

    @Test
    void readsPeAndMachOExecutables() throws IOException {
        Inventory inventory = scan(new TarBuilder().file("app/hello.exe", AuditableBinaries.pe(zlib(JSON)), 0755)
                .file("app/hello-macos", AuditableBinaries.machO(zlib(JSON)), 0755));

        assertThat(inventory.warnings()).isEmpty();
        assertThat(inventory.packages()).extracting(p -> p.name() + " " + p.path()).containsExactlyInAnyOrder(
                "hello /app/hello.exe", "serde /app/hello.exe", "serde_json /app/hello.exe",
                "hello /app/hello-macos", "serde /app/hello-macos", "serde_json /app/hello-macos");
    }

    @Test
    void readsExecutablesLargerThanTheMemoryLimitThroughASpoolFile() throws IOException {
        byte[] large = elf(zlib(JSON), true, ByteOrder.LITTLE_ENDIAN, 9 << 20);

        assertCrates(scan(large), "/usr/local/bin/hello");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("rustbin-"))).isEmpty();
        }
    }

    @Test
    void malformedJsonIsAWarningNamingTheFileAndTheScanGoesOn() throws IOException {
        Inventory inventory = scan(new TarBuilder()
                .file("usr/local/bin/broken", elf(zlib("{\"packages\":[{\"name\":\"x\",")), 0755)
                .file("usr/local/bin/hello", elf(zlib(JSON)), 0755));

        assertThat(inventory.warnings()).singleElement().asString()
                .contains("/usr/local/bin/broken").contains("not valid JSON");
        assertCrates(inventory, "/usr/local/bin/hello");
    }

    @Test
    void entriesThatBreakTheFormatAreWarningsNamingTheFile() throws IOException {
        Inventory inventory = scan(new TarBuilder()
                .file("bin/no-list", elf(zlib("{\"format\":1}")), 0755)
                .file("bin/no-version", elf(zlib("{\"packages\":[{\"name\":\"x\"}]}")), 0755)
                .file("bin/bad-index", elf(zlib("{\"packages\":[{\"name\":\"x\",\"version\":\"1.0.0\","
                        + "\"dependencies\":[7]}]}")), 0755)
                .file("bin/not-zlib", elf("not compressed at all".getBytes(StandardCharsets.UTF_8)), 0755)
                .file("bin/truncated", elf(Arrays.copyOf(zlib(JSON), 40)), 0755));

        assertThat(inventory.packages()).isEmpty();
        assertThat(inventory.warnings()).hasSize(5).anySatisfy(w -> assertThat(w).contains("/bin/no-list")
                .contains("no \"packages\" array")).anySatisfy(w -> assertThat(w).contains("/bin/no-version")
                .contains("lacks a name or version")).anySatisfy(w -> assertThat(w).contains("/bin/bad-index")
                .contains("not an index")).anySatisfy(w -> assertThat(w).contains("/bin/not-zlib")
                .contains("not zlib data")).anySatisfy(w -> assertThat(w).contains("/bin/truncated")
                .contains("truncated"));
    }

    @Test
    void aZlibBombIsAWarningNamingTheFileNotAnOutOfMemoryError() throws IOException {
        byte[] spaces = new byte[CargoAuditableAnalyzer.MAX_JSON + (1 << 20)];
        Arrays.fill(spaces, (byte) ' ');
        byte[] bomb = zlib(spaces);
        assertThat(bomb.length).isLessThan(64 << 10);

        Inventory inventory = scan(new TarBuilder().file("usr/local/bin/bomb", elf(bomb), 0755)
                .file("usr/local/bin/hello", elf(zlib(JSON)), 0755));

        assertThat(inventory.warnings()).singleElement().asString().contains("/usr/local/bin/bomb")
                .contains("zlib bomb");
        assertCrates(inventory, "/usr/local/bin/hello");
    }

    @Test
    void aSectionLargerThanTheCapOrBeyondTheFileIsAWarning() throws IOException {
        byte[] pastEnd = AuditableBinaries.pe(zlib(JSON));
        java.nio.ByteBuffer.wrap(pastEnd).order(ByteOrder.LITTLE_ENDIAN).putInt(0x98 + 240 + 40 + 8, 1 << 20)
                .putInt(0x98 + 240 + 40 + 16, 1 << 20);

        Inventory inventory = scan(new TarBuilder().file("app/past-end.exe", pastEnd, 0755));

        assertThat(inventory.warnings()).singleElement().asString().contains("/app/past-end.exe")
                .contains("past the end");
    }

    @Test
    void executablesWithoutTheSectionAndOtherFilesYieldNothing() throws IOException {
        Inventory inventory = scan(new TarBuilder().file("usr/local/bin/hello", elf(null), 0755)
                .file("usr/local/bin/data", elf(zlib(JSON)), 0644));

        assertThat(inventory.packages()).isEmpty();
        assertThat(inventory.warnings()).isEmpty();
    }

    /**
     * A real executable as a linker wrote it ({@code /bin/true}) with the section added by {@code objcopy}, the way
     * binutils places a new section: checks the section table reading against real ELF, not only our own layout.
     */
    @Test
    void readsTheSectionObjcopyAddedToARealExecutable() throws Exception {
        Path objcopy = Path.of("/usr/bin/objcopy");
        Path real = Path.of("/bin/true");
        assumeTrue(Files.isExecutable(objcopy) && Files.isRegularFile(real),
                "needs /usr/bin/objcopy (Debian package binutils) and /bin/true");
        Path data = Files.write(dir.resolve("dep-v0.z"), zlib(JSON));
        Path out = dir.resolve("true-auditable");
        Process process = new ProcessBuilder(objcopy.toString(), "--add-section", ".dep-v0=" + data,
                real.toString(), out.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        assertCrates(scan(Files.readAllBytes(out)), "/usr/local/bin/hello");
        assertThat(scan(Files.readAllBytes(real)).packages()).isEmpty();
    }

    private static void assertCrates(Inventory inventory, String path) {
        assertThat(inventory.packages()).extracting(p -> p.type() + " " + p.name() + " " + p.version() + " "
                + p.purl() + " " + p.path()).containsExactly(
                "CARGO hello 0.1.0 pkg:cargo/hello@0.1.0 " + path,
                "CARGO serde 1.0.197 pkg:cargo/serde@1.0.197 " + path,
                "CARGO serde_json 1.0.114 pkg:cargo/serde_json@1.0.114 " + path);
        assertThat(inventory.packages(PackageType.CARGO)).hasSize(3);
    }

    private static String name(String key) {
        return key.substring(key.indexOf(':') + 1, key.indexOf('@'));
    }
}
