package dev.bulwark.sbom.analyzer.executable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of an ELF, PE or Mach-O executable: how virtual addresses map to file offsets (program headers,
 * sections or segments) and where its named sections are stored. Go binaries before 1.18 store their build
 * information behind pointers, which only the address mapping turns into bytes; Rust binaries built with
 * cargo-auditable keep their dependency list in a named section. Every count and size read from the file is bounded,
 * so a hostile header costs at most a few reads.
 */
public final class ExecutableFormat {

    private static final byte[] GO_BUILD_ID_TEXT = "Go build ID: \"".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] GO_BUILD_ID_NOTE = {'G', 'o', 0, 0};
    private static final String GO_BUILD_ID_TEXT_LATIN1 = new String(GO_BUILD_ID_TEXT, StandardCharsets.ISO_8859_1);
    private static final String GO_BUILD_ID_NOTE_LATIN1 = new String(GO_BUILD_ID_NOTE, StandardCharsets.ISO_8859_1);
    private static final long MAX_EXECUTABLE_SIZE = 1L << 30;
    private static final int MAX_SECTIONS = 8192;
    private static final int MAX_SECTION_NAMES = 1 << 20;
    private static final int MAX_LOAD_COMMAND = 1 << 20;

    /** A loaded range: {@code [vaddr, vaddr + size)} is stored at {@code [offset, offset + size)}. */
    public record Segment(long vaddr, long offset, long size) {
    }

    /**
     * A named section with contents in the file.
     *
     * @param segment the Mach-O segment holding it ({@code __DATA}), empty for ELF and PE
     * @param name the section name, e.g. {@code .dep-v0}
     * @param offset where its bytes start in the file
     * @param size how many bytes it has in the file
     */
    public record Section(String segment, String name, long offset, long size) {
    }

    private final List<Segment> segments;
    private final List<Section> sections;

    private ExecutableFormat(List<Segment> segments, List<Section> sections) {
        this.segments = List.copyOf(segments);
        this.sections = List.copyOf(sections);
    }

    private static ExecutableFormat none() {
        return new ExecutableFormat(List.of(), List.of());
    }

    /**
     * The section called {@code name} (in segment {@code machOSegment} for Mach-O), if the executable has one with
     * contents in the file.
     */
    public Optional<Section> section(String name, String machOSegment) {
        return sections.stream().filter(s -> s.name().equals(name)
                && (s.segment().isEmpty() || s.segment().equals(machOSegment))).findFirst();
    }

    /** The file offset of {@code vaddr}, or -1 when no segment maps it. */
    public long offsetOf(long vaddr) {
        for (Segment s : segments) {
            if (vaddr >= s.vaddr() && vaddr - s.vaddr() < s.size()) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        return -1;
    }

    /**
     * Whether a file may be an executable worth opening, from its name, size and mode alone: executable by someone,
     * between 1 KiB and 1 GiB, not a script by its extension.
     */
    public static boolean isCandidate(String path, long size, int mode) {
        return (mode & 0111) != 0 && size >= 1024 && size <= MAX_EXECUTABLE_SIZE && !path.endsWith(".sh")
                && !path.endsWith(".py") && !path.endsWith(".pl");
    }

    /** Whether {@code head}, the first bytes of a file, starts with an ELF, PE or (thin) Mach-O magic number. */
    public static boolean looksExecutable(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int magic = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
        return magic == 0x7f454c46 // ELF
                || (head[0] == 'M' && head[1] == 'Z') // PE
                || magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe;
    }

    /**
     * Whether {@code head}, the first 64 KiB of an executable, carry a Go build ID (an ELF note or the text the Go
     * linker writes at the start of other formats): Go binaries are recognised without reading further.
     */
    public static boolean hasGoBuildId(byte[] head) {
        String bytes = new String(head, StandardCharsets.ISO_8859_1);
        return bytes.contains(GO_BUILD_ID_TEXT_LATIN1) || bytes.contains(GO_BUILD_ID_NOTE_LATIN1);
    }

    /**
     * The first index of {@code pattern} in {@code data[0, length)}, or -1. Executables are searched megabytes at a
     * time: the bytes are viewed as a Latin-1 string, whose search the JDK runs with vector instructions (a plain
     * byte loop was a tenth of a scan's CPU time on images with many binaries).
     */
    public static int indexOf(byte[] data, int length, byte[] pattern) {
        if (length < pattern.length) {
            return -1;
        }
        return new String(data, 0, length, StandardCharsets.ISO_8859_1)
                .indexOf(new String(pattern, StandardCharsets.ISO_8859_1));
    }

    /** Reads the layout of {@code file}; a file that is none of the three formats has no segments and sections. */
    public static ExecutableFormat read(SeekableByteChannel file) throws IOException {
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
        return none();
    }

    private static ExecutableFormat elf(SeekableByteChannel file, ByteBuffer head) throws IOException {
        boolean is64 = head.get(4) == 2;
        ByteOrder order = head.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer h = read(file, 0, 64, order);
        if (h.remaining() < (is64 ? 64 : 52)) {
            return none();
        }
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
        return new ExecutableFormat(segments, elfSections(file, h, is64, order));
    }

    /** The section header table, named through the section holding the names ({@code e_shstrndx}). */
    private static List<Section> elfSections(SeekableByteChannel file, ByteBuffer h, boolean is64, ByteOrder order)
            throws IOException {
        long shoff = is64 ? h.getLong(40) : Integer.toUnsignedLong(h.getInt(32));
        int shentsize = Short.toUnsignedInt(h.getShort(is64 ? 58 : 46));
        int shnum = Short.toUnsignedInt(h.getShort(is64 ? 60 : 48));
        int shstrndx = Short.toUnsignedInt(h.getShort(is64 ? 62 : 50));
        int minEntry = is64 ? 64 : 40;
        if (shoff <= 0 || shentsize < minEntry || shentsize > 256) {
            return List.of();
        }
        if (shnum == 0 || shstrndx == 0xffff) { // extended numbering: the real values are in section header 0
            ByteBuffer first = read(file, shoff, minEntry, order);
            if (first.remaining() < minEntry) {
                return List.of();
            }
            if (shnum == 0) {
                shnum = (int) Math.min(MAX_SECTIONS, is64 ? first.getLong(32) : Integer.toUnsignedLong(first.getInt(20)));
            }
            if (shstrndx == 0xffff) {
                shstrndx = first.getInt(is64 ? 40 : 24);
            }
        }
        shnum = Math.min(shnum, MAX_SECTIONS);
        if (shstrndx < 0 || shstrndx >= shnum) {
            return List.of();
        }
        ByteBuffer table = read(file, shoff, shnum * shentsize, order);
        if (table.remaining() < shnum * shentsize) {
            return List.of();
        }
        long namesOffset = is64 ? table.getLong(shstrndx * shentsize + 24)
                : Integer.toUnsignedLong(table.getInt(shstrndx * shentsize + 16));
        long namesSize = is64 ? table.getLong(shstrndx * shentsize + 32)
                : Integer.toUnsignedLong(table.getInt(shstrndx * shentsize + 20));
        ByteBuffer names = read(file, namesOffset, (int) Math.clamp(namesSize, 0, MAX_SECTION_NAMES), order);
        List<Section> sections = new ArrayList<>();
        for (int i = 1; i < shnum; i++) {
            int at = i * shentsize;
            int type = table.getInt(at + 4);
            if (type == 8) { // SHT_NOBITS: no contents in the file
                continue;
            }
            long offset = is64 ? table.getLong(at + 24) : Integer.toUnsignedLong(table.getInt(at + 16));
            long size = is64 ? table.getLong(at + 32) : Integer.toUnsignedLong(table.getInt(at + 20));
            String name = cString(names, Integer.toUnsignedLong(table.getInt(at)), names.limit());
            if (name != null && offset >= 0 && size >= 0) {
                sections.add(new Section("", name, offset, size));
            }
        }
        return sections;
    }

    private static ExecutableFormat pe(SeekableByteChannel file, int peOffset) throws IOException {
        ByteBuffer coff = read(file, peOffset, 24, ByteOrder.LITTLE_ENDIAN);
        if (coff.remaining() < 24 || coff.getInt(0) != 0x00004550) {
            return none();
        }
        int sections = Short.toUnsignedInt(coff.getShort(6));
        int optionalSize = Short.toUnsignedInt(coff.getShort(20));
        ByteBuffer optional = read(file, peOffset + 24, optionalSize, ByteOrder.LITTLE_ENDIAN);
        boolean pe32plus = optional.remaining() >= 2 && optional.getShort(0) == 0x20b;
        long imageBase = optional.remaining() < 32 ? 0
                : pe32plus ? optional.getLong(24) : Integer.toUnsignedLong(optional.getInt(28));
        List<Segment> segments = new ArrayList<>();
        List<Section> named = new ArrayList<>();
        long table = peOffset + 24L + optionalSize;
        for (int i = 0; i < Math.min(sections, 256); i++) {
            ByteBuffer s = read(file, table + 40L * i, 40, ByteOrder.LITTLE_ENDIAN);
            if (s.remaining() < 40) {
                break;
            }
            long virtualSize = Integer.toUnsignedLong(s.getInt(8));
            long rawSize = Integer.toUnsignedLong(s.getInt(16));
            long rawOffset = Integer.toUnsignedLong(s.getInt(20));
            segments.add(new Segment(imageBase + Integer.toUnsignedLong(s.getInt(12)), rawOffset, rawSize));
            String name = cString(s, 0, 8);
            if (name != null && rawOffset > 0) { // raw size is rounded up to the file alignment; keep the real size
                named.add(new Section("", name, rawOffset, virtualSize > 0 ? Math.min(virtualSize, rawSize) : rawSize));
            }
        }
        return new ExecutableFormat(segments, named);
    }

    private static ExecutableFormat machO(SeekableByteChannel file, ByteOrder order, boolean is64) throws IOException {
        ByteBuffer h = read(file, 0, 32, order);
        int commands = h.getInt(16);
        long at = is64 ? 32 : 28;
        List<Segment> segments = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < Math.min(commands, 4096); i++) {
            ByteBuffer cmd = read(file, at, 72, order);
            if (cmd.remaining() < 8) {
                break;
            }
            int type = cmd.getInt(0);
            int size = cmd.getInt(4);
            if (type == 0x19 && cmd.remaining() >= 72) { // LC_SEGMENT_64, sections of 80 bytes after 72
                segments.add(new Segment(cmd.getLong(24), cmd.getLong(40), cmd.getLong(48)));
                machOSections(file, at + 72, cmd.getInt(64), size - 72, 80, order, sections);
            } else if (type == 0x1 && cmd.remaining() >= 56) { // LC_SEGMENT, sections of 68 bytes after 56
                segments.add(new Segment(Integer.toUnsignedLong(cmd.getInt(24)),
                        Integer.toUnsignedLong(cmd.getInt(32)), Integer.toUnsignedLong(cmd.getInt(36))));
                machOSections(file, at + 56, cmd.getInt(48), size - 56, 68, order, sections);
            }
            if (size <= 0) {
                break;
            }
            at += size;
        }
        return new ExecutableFormat(segments, sections);
    }

    private static void machOSections(SeekableByteChannel file, long at, int count, int room, int entry,
                                      ByteOrder order, List<Section> out) throws IOException {
        if (count <= 0 || room <= 0 || room > MAX_LOAD_COMMAND) {
            return;
        }
        int n = Math.min(count, room / entry);
        ByteBuffer table = read(file, at, n * entry, order);
        for (int i = 0; i + 1 <= table.remaining() / entry; i++) {
            int base = i * entry;
            String name = cString(table, base, 16);
            String segment = cString(table, base + 16, 16);
            long size = entry == 80 ? table.getLong(base + 40) : Integer.toUnsignedLong(table.getInt(base + 36));
            long offset = Integer.toUnsignedLong(table.getInt(base + (entry == 80 ? 48 : 40)));
            if (name != null && segment != null && offset > 0) { // offset 0: zero-fill section, nothing in the file
                out.add(new Section(segment, name, offset, size));
            }
        }
    }

    /** The NUL-terminated (or {@code max}-long) ASCII string at {@code at}, or {@code null} when out of range. */
    private static String cString(ByteBuffer buffer, long at, int max) {
        if (at < 0 || at >= buffer.limit()) {
            return null;
        }
        int start = (int) at;
        int end = start;
        while (end < buffer.limit() && end - start < max && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Up to {@code length} bytes at {@code position} (fewer at the end of the file, none outside it), as a buffer of
     * byte order {@code order}.
     */
    public static ByteBuffer read(SeekableByteChannel file, long position, int length, ByteOrder order)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length)).order(order);
        if (position < 0 || position >= file.size()) {
            return buffer.flip();
        }
        file.position(position);
        while (buffer.hasRemaining()) {
            if (file.read(buffer) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
