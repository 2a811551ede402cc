package dev.bulwark.sbom.analyzer.golang;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps virtual addresses of an ELF, PE or Mach-O executable to file offsets, from its program headers, sections or
 * segments. Go binaries before 1.18 store their build information behind pointers, which only this mapping turns
 * into bytes.
 */
final class ExecutableFormat {

    /** A loaded range: {@code [vaddr, vaddr + size)} is stored at {@code [offset, offset + size)}. */
    record Segment(long vaddr, long offset, long size) {
    }

    private final List<Segment> segments;

    private ExecutableFormat(List<Segment> segments) {
        this.segments = segments;
    }

    /** The file offset of {@code vaddr}, or -1 when no segment maps it. */
    long offsetOf(long vaddr) {
        for (Segment s : segments) {
            if (vaddr >= s.vaddr() && vaddr - s.vaddr() < s.size()) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        return -1;
    }

    static boolean looksExecutable(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int magic = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
        return magic == 0x7f454c46 // ELF
                || (head[0] == 'M' && head[1] == 'Z') // PE
                || magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe;
    }

    static ExecutableFormat read(FileChannel file) throws IOException {
        ByteBuffer head = read(file, 0, 64, ByteOrder.LITTLE_ENDIAN);
        if (head.remaining() >= 52 && head.getInt(0) == 0x464c457f) {
            return elf(file, head);
        }
        if (head.remaining() >= 64 && head.get(0) == 'M' && head.get(1) == 'Z') {
            return pe(file, head.getInt(0x3c));
        }
        int magic = head.getInt(0);
        if (magic == 0xfeedfacf || magic == 0xfeedface) {
            return machO(file, ByteOrder.LITTLE_ENDIAN, magic == 0xfeedfacf);
        }
        if (magic == 0xcffaedfe || magic == 0xcefaedfe) {
            return machO(file, ByteOrder.BIG_ENDIAN, magic == 0xcffaedfe);
        }
        return new ExecutableFormat(List.of());
    }

    private static ExecutableFormat elf(FileChannel file, ByteBuffer head) throws IOException {
        boolean is64 = head.get(4) == 2;
        ByteOrder order = head.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer h = read(file, 0, 64, order);
        long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < Math.min(phnum, 512); i++) {
            ByteBuffer ph = read(file, phoff + (long) i * phentsize, phentsize, order);
            if (ph.remaining() < (is64 ? 56 : 32) || ph.getInt(0) != 1) { // PT_LOAD
                continue;
            }
            if (is64) {
                segments.add(new Segment(ph.getLong(16), ph.getLong(8), ph.getLong(32)));
            } else {
                segments.add(new Segment(Integer.toUnsignedLong(ph.getInt(8)), Integer.toUnsignedLong(ph.getInt(4)),
                        Integer.toUnsignedLong(ph.getInt(16))));
            }
        }
        return new ExecutableFormat(segments);
    }

    private static ExecutableFormat pe(FileChannel file, int peOffset) throws IOException {
        ByteBuffer coff = read(file, peOffset, 24, ByteOrder.LITTLE_ENDIAN);
        if (coff.remaining() < 24 || coff.getInt(0) != 0x00004550) {
            return new ExecutableFormat(List.of());
        }
        int sections = Short.toUnsignedInt(coff.getShort(6));
        int optionalSize = Short.toUnsignedInt(coff.getShort(20));
        ByteBuffer optional = read(file, peOffset + 24, optionalSize, ByteOrder.LITTLE_ENDIAN);
        boolean pe32plus = optional.remaining() >= 2 && optional.getShort(0) == 0x20b;
        long imageBase = pe32plus ? optional.getLong(24) : Integer.toUnsignedLong(optional.getInt(28));
        List<Segment> segments = new ArrayList<>();
        long table = peOffset + 24L + optionalSize;
        for (int i = 0; i < Math.min(sections, 256); i++) {
            ByteBuffer s = read(file, table + 40L * i, 40, ByteOrder.LITTLE_ENDIAN);
            if (s.remaining() < 40) {
                break;
            }
            segments.add(new Segment(imageBase + Integer.toUnsignedLong(s.getInt(12)),
                    Integer.toUnsignedLong(s.getInt(20)), Integer.toUnsignedLong(s.getInt(16))));
        }
        return new ExecutableFormat(segments);
    }

    private static ExecutableFormat machO(FileChannel file, ByteOrder order, boolean is64) throws IOException {
        ByteBuffer h = read(file, 0, 32, order);
        int commands = h.getInt(16);
        long at = is64 ? 32 : 28;
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < Math.min(commands, 4096); i++) {
            ByteBuffer cmd = read(file, at, 72, order);
            if (cmd.remaining() < 8) {
                break;
            }
            int type = cmd.getInt(0);
            int size = cmd.getInt(4);
            if (type == 0x19 && cmd.remaining() >= 56) { // LC_SEGMENT_64
                segments.add(new Segment(cmd.getLong(24), cmd.getLong(40), cmd.getLong(48)));
            } else if (type == 0x1 && cmd.remaining() >= 40) { // LC_SEGMENT
                segments.add(new Segment(Integer.toUnsignedLong(cmd.getInt(24)),
                        Integer.toUnsignedLong(cmd.getInt(32)), Integer.toUnsignedLong(cmd.getInt(36))));
            }
            if (size <= 0) {
                break;
            }
            at += size;
        }
        return new ExecutableFormat(segments);
    }

    static ByteBuffer read(FileChannel file, long position, int length, ByteOrder order) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length)).order(order);
        if (position < 0) {
            return buffer.flip();
        }
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
