package dev.bulwark.sbom.analyzer.golang;

import dev.bulwark.sbom.analyzer.executable.ExecutableFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The build information the Go linker embeds in every module-aware binary ({@code .go.buildinfo}): a 32-byte header
 * starting {@code "\xff Go buildinf:"}, pointer size and flags; since Go 1.18 (flag 2) the toolchain version and the
 * module information follow inline as varint-prefixed strings, before that the header holds two pointers to Go string
 * headers ({@code runtime.buildVersion}, {@code runtime.modinfo}) that the executable's segments map to file
 * offsets.
 *
 * @param goVersion e.g. {@code go1.19.8}
 * @param mainModule the main module path, or {@code null}
 * @param mainVersion its version ({@code (devel)} for local builds), or {@code null}
 * @param dependencies the {@code dep} lines, with replacements applied
 */
record GoBuildInfo(String goVersion, String mainModule, String mainVersion, List<Module> dependencies) {

    /** A dependency; {@code replacedBy} is set when a {@code =>} line replaced it (then path/version are the new). */
    record Module(String path, String version, String replaces) {
    }

    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_STRING = 16 << 20;

    /** Reads the build info of the executable, or {@code null} when it has none. */
    static GoBuildInfo read(FileChannel file) throws IOException {
        long at = find(file);
        if (at < 0) {
            return null;
        }
        ByteBuffer header = ExecutableFormat.read(file, at, 32, ByteOrder.LITTLE_ENDIAN);
        if (header.remaining() < 32) {
            return null;
        }
        int ptrSize = header.get(14);
        int flags = header.get(15);
        String version;
        String modinfo;
        if ((flags & 2) != 0) {
            long[] cursor = {at + 32};
            version = varintString(file, cursor);
            modinfo = varintString(file, cursor);
        } else {
            if (ptrSize != 4 && ptrSize != 8) {
                return null; // not a pointer size Go writes: not build info
            }
            ByteOrder order = (flags & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            header.order(order);
            ExecutableFormat exe = ExecutableFormat.read(file);
            long versionAddr = ptrSize == 8 ? header.getLong(16) : Integer.toUnsignedLong(header.getInt(16));
            long modAddr = ptrSize == 8 ? header.getLong(16 + ptrSize)
                    : Integer.toUnsignedLong(header.getInt(16 + ptrSize));
            version = goString(file, exe, versionAddr, ptrSize, order);
            modinfo = goString(file, exe, modAddr, ptrSize, order);
        }
        if (version == null) {
            return null;
        }
        return parse(version, modinfo == null ? "" : modinfo);
    }

    /** Thrown by {@link #scan} for the pre-1.18 pointer format, which needs random access. */
    static final class PointerFormatException extends IOException {
        PointerFormatException() {
            super("Go build information in the pre-1.18 pointer format");
        }
    }

    /**
     * Finds the Go 1.18+ inline build information while streaming, without holding the file: the magic is searched
     * chunk by chunk and the two strings are read right behind it. Returns {@code null} when there is none.
     */
    static GoBuildInfo scan(java.io.InputStream in) throws IOException {
        byte[] buffer = new byte[64 << 10];
        int filled = 0;
        while (true) {
            int n = in.readNBytes(buffer, filled, buffer.length - filled);
            if (n == 0) {
                return null;
            }
            filled += n;
            int at = ExecutableFormat.indexOf(buffer, filled, MAGIC);
            if (at >= 0) {
                java.io.InputStream rest = new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(buffer, at, filled - at), in);
                byte[] header = rest.readNBytes(32);
                if (header.length < 32) {
                    return null;
                }
                if ((header[15] & 2) == 0) {
                    throw new PointerFormatException();
                }
                String version = varintString(rest);
                String modinfo = varintString(rest);
                return version == null ? null : parse(version, modinfo == null ? "" : modinfo);
            }
            int keep = MAGIC.length - 1;
            if (filled >= keep) {
                System.arraycopy(buffer, filled - keep, buffer, 0, keep);
                filled = keep;
            }
        }
    }

    private static String varintString(java.io.InputStream in) throws IOException {
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            int v = in.read();
            if (v < 0 || shift > 35) {
                return null;
            }
            length |= (long) (v & 0x7f) << shift;
            if ((v & 0x80) == 0) {
                break;
            }
        }
        if (length > MAX_STRING) {
            return null;
        }
        byte[] data = in.readNBytes((int) length);
        return data.length == length ? new String(data, StandardCharsets.UTF_8) : null;
    }

    static GoBuildInfo parse(String version, String modinfo) {
        String mod = modinfo;
        if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
            mod = mod.substring(16, mod.length() - 16);
        }
        String mainPath = null;
        String mainVersion = null;
        List<Module> deps = new ArrayList<>();
        for (String line : mod.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 0) {
                continue; // a line of tabs only
            }
            switch (f[0]) {
                case "path" -> mainPath = f.length > 1 ? f[1] : mainPath;
                case "mod" -> {
                    if (f.length > 2) {
                        mainPath = f[1];
                        mainVersion = f[2];
                    }
                }
                case "dep" -> {
                    if (f.length > 2) {
                        deps.add(new Module(f[1], f[2], null));
                    }
                }
                case "=>" -> {
                    if (f.length > 2 && !deps.isEmpty()) {
                        Module replaced = deps.removeLast();
                        deps.add(new Module(f[1], f[2], replaced.path() + "@" + replaced.version()));
                    }
                }
                default -> {
                    // build settings
                }
            }
        }
        return new GoBuildInfo(version, mainPath, mainVersion, deps);
    }

    private static long find(FileChannel file) throws IOException {
        long size = file.size();
        int chunk = 1 << 20;
        ByteBuffer buffer = ByteBuffer.allocate(chunk + MAGIC.length);
        for (long base = 0; base < size; base += chunk) {
            buffer.clear();
            while (buffer.hasRemaining()) {
                int n = file.read(buffer, base + buffer.position());
                if (n < 0) {
                    break;
                }
            }
            byte[] data = buffer.array();
            int limit = buffer.position() - MAGIC.length;
            outer:
            for (int i = 0; i <= limit; i++) {
                if (data[i] != MAGIC[0]) {
                    continue;
                }
                for (int j = 1; j < MAGIC.length; j++) {
                    if (data[i + j] != MAGIC[j]) {
                        continue outer;
                    }
                }
                return base + i;
            }
        }
        return -1;
    }

    private static String varintString(FileChannel file, long[] cursor) throws IOException {
        long length = 0;
        int shift = 0;
        while (true) {
            ByteBuffer b = ExecutableFormat.read(file, cursor[0]++, 1, ByteOrder.LITTLE_ENDIAN);
            if (!b.hasRemaining() || shift > 35) {
                return null;
            }
            int v = b.get(0) & 0xff;
            length |= (long) (v & 0x7f) << shift;
            if ((v & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        if (length > MAX_STRING) {
            return null;
        }
        ByteBuffer data = ExecutableFormat.read(file, cursor[0], (int) length, ByteOrder.LITTLE_ENDIAN);
        cursor[0] += length;
        return data.remaining() == length ? StandardCharsets.UTF_8.decode(data).toString() : null;
    }

    private static String goString(FileChannel file, ExecutableFormat exe, long addr, int ptrSize, ByteOrder order)
            throws IOException {
        long headerOffset = exe.offsetOf(addr);
        if (headerOffset < 0) {
            return null;
        }
        ByteBuffer header = ExecutableFormat.read(file, headerOffset, 2 * ptrSize, order);
        if (header.remaining() < 2 * ptrSize) {
            return null;
        }
        long dataAddr = ptrSize == 8 ? header.getLong(0) : Integer.toUnsignedLong(header.getInt(0));
        long length = ptrSize == 8 ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
        long dataOffset = exe.offsetOf(dataAddr);
        if (dataOffset < 0 || length < 0 || length > MAX_STRING) {
            return null;
        }
        ByteBuffer data = ExecutableFormat.read(file, dataOffset, (int) length, order);
        return StandardCharsets.UTF_8.decode(data).toString();
    }
}
