package dev.bulwark.sbom.analyzer.cargo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Minimal executables carrying a cargo-auditable section, laid out as the format specifications describe: ELF with a
 * section header table at the end (as linkers write it), PE32+ with a section table after the optional header, and a
 * 64-bit Mach-O with one {@code __DATA} segment.
 */
final class AuditableBinaries {

    /** A dependency list as cargo-auditable writes it: a root crate, runtime and build-only dependencies. */
    static final String JSON = """
            {"packages":[
             {"name":"hello","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},
             {"name":"serde","version":"1.0.197","source":"crates.io","dependencies":[3]},
             {"name":"serde_json","version":"1.0.114","source":"crates.io","kind":"runtime","dependencies":[1]},
             {"name":"serde_derive","version":"1.0.197","source":"crates.io","kind":"build","dependencies":[4]},
             {"name":"proc-macro2","version":"1.0.78","source":"crates.io","kind":"build"}
            ]}""";

    private AuditableBinaries() {
    }

    static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteBuffer out = ByteBuffer.allocate(data.length + 1024);
        byte[] buffer = new byte[64 << 10];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.put(buffer, 0, n);
        }
        deflater.end();
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    static byte[] zlib(String json) {
        return zlib(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An ELF executable of {@code size} bytes (at least 4 KiB) with {@code section} (or no {@code .dep-v0} when
     * null) at offset 0x400, a {@code .text} section and the section names, the section header table at the end.
     */
    static byte[] elf(byte[] section, boolean is64, ByteOrder order, int size) {
        byte[] names = "\0.text\0.dep-v0\0.shstrtab\0".getBytes(StandardCharsets.ISO_8859_1);
        int textName = 1;
        int depName = 7;
        int namesName = 15;
        int entry = is64 ? 64 : 40;
        int sections = 4;
        int shoff = size - sections * entry;
        int namesAt = shoff - 64;
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.put(0, new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.BIG_ENDIAN ? 2 : 1),
            1});
        b.putShort(16, (short) 2).putShort(18, (short) (is64 ? 62 : 3)).putInt(20, 1); // e_version 1
        if (is64) {
            b.putLong(40, shoff).putShort(52, (short) 64).putShort(58, (short) entry).putShort(60, (short) sections)
                    .putShort(62, (short) 3);
        } else {
            b.putInt(32, shoff).putShort(40, (short) 52).putShort(46, (short) entry).putShort(48, (short) sections)
                    .putShort(50, (short) 3);
        }
        b.put(namesAt, names);
        int depSize = section == null ? 0 : section.length;
        if (section != null) {
            b.put(0x400, section);
        }
        sectionHeader(b, shoff + entry, is64, textName, 1, 0x200, 0x100);
        sectionHeader(b, shoff + 2 * entry, is64, section == null ? textName : depName, 1, 0x400, depSize);
        sectionHeader(b, shoff + 3 * entry, is64, namesName, 3, namesAt, names.length);
        return b.array();
    }

    private static void sectionHeader(ByteBuffer b, int at, boolean is64, int name, int type, long offset, long size) {
        b.putInt(at, name).putInt(at + 4, type);
        if (is64) {
            b.putLong(at + 24, offset).putLong(at + 32, size);
        } else {
            b.putInt(at + 16, (int) offset).putInt(at + 20, (int) size);
        }
    }

    static byte[] elf(byte[] section) {
        return elf(section, true, ByteOrder.LITTLE_ENDIAN, Math.max(8192, (section == null ? 0 : section.length) + 0x800));
    }

    /** A PE32+ executable with a {@code .text} section and {@code .dep-v0} (raw size rounded up to 512 bytes). */
    static byte[] pe(byte[] section) {
        int rawSize = (section.length + 511) / 512 * 512;
        ByteBuffer b = ByteBuffer.allocate(0x600 + rawSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
        int optionalSize = 240;
        b.putInt(0x80, 0x00004550).putShort(0x84, (short) 0x8664).putShort(0x86, (short) 2)
                .putShort(0x94, (short) optionalSize).putShort(0x96, (short) 0x22);
        b.putShort(0x98, (short) 0x20b).putLong(0x98 + 24, 0x140000000L).putInt(0x98 + 108, 16); // 16 directories
        int table = 0x98 + optionalSize;
        peSection(b, table, ".text", 0x100, 0x1000, 0x200, 0x200);
        peSection(b, table + 40, ".dep-v0", section.length, 0x2000, rawSize, 0x600);
        b.put(0x600, section);
        return b.array();
    }

    private static void peSection(ByteBuffer b, int at, String name, int virtualSize, int virtualAddress, int rawSize,
                                  int rawOffset) {
        b.put(at, name.getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(at + 8, virtualSize).putInt(at + 12, virtualAddress).putInt(at + 16, rawSize)
                .putInt(at + 20, rawOffset);
    }

    /** A 64-bit little-endian Mach-O executable whose {@code __DATA} segment holds {@code .dep-v0}. */
    static byte[] machO(byte[] section) {
        int dataAt = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(dataAt + section.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xfeedfacf).putInt(4, 0x01000007).putInt(8, 3).putInt(12, 2).putInt(16, 1)
                .putInt(20, 72 + 80);
        int cmd = 32;
        b.putInt(cmd, 0x19).putInt(cmd + 4, 72 + 80);
        b.put(cmd + 8, "__DATA".getBytes(StandardCharsets.ISO_8859_1));
        b.putLong(cmd + 24, 0x100001000L).putLong(cmd + 32, 0x1000).putLong(cmd + 40, dataAt)
                .putLong(cmd + 48, section.length).putInt(cmd + 56, 3).putInt(cmd + 60, 3).putInt(cmd + 64, 1);
        int sect = cmd + 72;
        b.put(sect, ".dep-v0".getBytes(StandardCharsets.ISO_8859_1));
        b.put(sect + 16, "__DATA".getBytes(StandardCharsets.ISO_8859_1));
        b.putLong(sect + 32, 0x100001000L).putLong(sect + 40, section.length).putInt(sect + 48, dataAt);
        b.put(dataAt, section);
        return b.array();
    }
}
