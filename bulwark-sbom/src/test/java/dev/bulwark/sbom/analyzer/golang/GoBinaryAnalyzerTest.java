package dev.bulwark.sbom.analyzer.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go build information in minimal ELF executables laid out as the Go linker writes them. */
class GoBinaryAnalyzerTest {

    static final long BASE = 0x400000;
    static final String MODINFO = "path\texample.com/tool\nmod\texample.com/tool\tv1.4.0\th1:abc=\n"
            + "dep\tgolang.org/x/net\tv0.7.0\th1:def=\n"
            + "dep\tgithub.com/old/yaml\tv2.0.0\th1:ghi=\n=>\tgithub.com/new/yaml\tv2.4.0\th1:jkl=\n"
            + "build\t-compiler=gc\n";

    @TempDir
    Path dir;

    /** An ELF64 header with one PT_LOAD segment mapping the whole file at {@link #BASE}. */
    static ByteBuffer elf(int size, boolean buildIdNote) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putLong(32, 64).putShort(54, (short) 56)
                .putShort(56, (short) 1);
        b.putInt(64, 1).putLong(64 + 8, 0).putLong(64 + 16, BASE).putLong(64 + 32, size).putLong(64 + 40, size);
        if (buildIdNote) {
            byte[] note = "\u0004\0\0\0\u0028\0\0\0\u0004\0\0\0Go\0\0".getBytes(StandardCharsets.ISO_8859_1);
            b.put(0x200, note);
        }
        return b;
    }

    static byte[] sentinel(String modinfo) {
        return ("0123456789abcdef" + modinfo + "fedcba9876543210").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] inline(boolean buildIdNote) {
        ByteBuffer b = elf(8192, buildIdNote);
        int at = 0x1000;
        b.put(at, GoBuildInfo.MAGIC).put(at + 14, (byte) 8).put(at + 15, (byte) 2);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        for (byte[] s : new byte[][] {"go1.21.5".getBytes(StandardCharsets.UTF_8), sentinel(MODINFO)}) {
            int length = s.length;
            while (length >= 0x80) {
                strings.write(length & 0x7f | 0x80);
                length >>>= 7;
            }
            strings.write(length);
            strings.writeBytes(s);
        }
        b.put(at + 32, strings.toByteArray());
        return b.array();
    }

    static byte[] pointerFormat() {
        ByteBuffer b = elf(8192, true);
        byte[] version = "go1.16.15".getBytes(StandardCharsets.UTF_8);
        byte[] mod = sentinel(MODINFO);
        b.put(0x800, version).put(0x900, mod);
        b.putLong(0xc00, BASE + 0x800).putLong(0xc08, version.length);
        b.putLong(0xc10, BASE + 0x900).putLong(0xc18, mod.length);
        int at = 0x1000;
        b.put(at, GoBuildInfo.MAGIC).put(at + 14, (byte) 8).put(at + 15, (byte) 0);
        b.putLong(at + 16, BASE + 0xc00).putLong(at + 24, BASE + 0xc10);
        return b.array();
    }

    private Inventory scan(byte[] binary) throws IOException {
        return TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder().file("usr/bin/tool", binary, 0755)
                .file("usr/bin/notgo", elf(4096, false).array(), 0755).file("usr/bin/script", ("#!/bin/sh\n"
                        + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8), 0755).build(), "COPY"), dir);
    }

    @Test
    void readsInlineBuildInfoOfGo118AndLaterWhileStreaming() throws IOException {
        assertModules(scan(inline(false)), "go1.21.5");
    }

    @Test
    void readsInlineBuildInfoOfBinariesWithABuildId() throws IOException {
        assertModules(scan(inline(true)), "go1.21.5");
    }

    @Test
    void readsThePre118PointerFormatThroughTheProgramHeaders() throws IOException {
        assertModules(scan(pointerFormat()), "go1.16.15");
    }

    private static void assertModules(Inventory inventory, String goVersion) {
        assertThat(inventory.packages()).extracting(p -> p.name() + " " + p.version() + " " + p.path())
                .containsExactly("example.com/tool v1.4.0 /usr/bin/tool", "github.com/new/yaml v2.4.0 /usr/bin/tool",
                        "golang.org/x/net v0.7.0 /usr/bin/tool", "stdlib " + goVersion + " /usr/bin/tool");
        Package yaml = inventory.packages().get(1);
        assertThat(yaml.properties()).containsEntry("replaces", "github.com/old/yaml@v2.0.0");
        assertThat(yaml.purl()).isEqualTo("pkg:golang/github.com/new/yaml@v2.4.0");
        assertThat(inventory.relationships()).hasSize(3);
        assertThat(inventory.warnings()).isEmpty();
    }
}
