package dev.bulwark.runtime.scap;

import dev.bulwark.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Streams a Falco/sysdig capture ({@code .scap}, plain or gzip-compressed, as libscap writes them): the section
 * header, then machine-info, process-list (v1..v9), fd-list (v1, v2), interface and user-list blocks, then event
 * blocks (v1 without parameter count, v2, with or without flags, and the large-payload variants). Memory stays
 * bounded by the largest block; malformed input raises {@link InputException} naming the file and the problem.
 */
public final class ScapReader implements AutoCloseable {

    private static final int SHB = 0x0A0D0D0A;
    private static final int SHB_MAGIC = 0x1A2B3C4D;
    private static final int MI = 0x201;
    private static final int MI_INT = 0x8002ABCD;
    private static final int PL_V1 = 0x202;
    private static final int PL_V1_INT = 0x8000ABCD;
    private static final int PL_V2 = 0x207;
    private static final int PL_V2_INT = 0x8013ABCD;
    private static final int PL_V3 = 0x209;
    private static final int PL_V3_INT = 0x8014ABCD;
    private static final int PL_V4 = 0x210;
    private static final int PL_V5 = 0x211;
    private static final int PL_V6 = 0x212;
    private static final int PL_V7 = 0x213;
    private static final int PL_V8 = 0x214;
    private static final int PL_V9 = 0x215;
    private static final int FDL = 0x203;
    private static final int FDL_INT = 0x8001ABCD;
    private static final int FDL_V2 = 0x218;
    private static final int EV = 0x204;
    private static final int EV_INT = 0x8010ABCD;
    private static final int EV_V2 = 0x216;
    private static final int EV_V2_LARGE = 0x221;
    private static final int EVF = 0x208;
    private static final int EVF_V2 = 0x217;
    private static final int EVF_V2_LARGE = 0x222;
    private static final int UL = 0x206;
    private static final int UL_INT = 0x8012ABCD;
    private static final int UL_V2 = 0x220;

    /** Largest block accepted: beyond this a capture is treated as corrupt rather than allocating it. */
    static final int MAX_BLOCK = 64 * 1024 * 1024;

    private final String source;
    private final InputStream in;
    private final EventTable table;
    private final CaptureInfo info;
    private int pendingType;
    private int pendingLength;
    private boolean hasPending;
    private long eventNumber;
    private long skippedUnknown;

    private ScapReader(String source, InputStream in, EventTable table) throws IOException {
        this.source = source;
        this.in = in;
        this.table = table;
        this.info = readHeader();
    }

    /** Opens {@code file} and reads its header blocks. */
    public static ScapReader open(Path file) {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return open(file.toString(), raw);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read capture: " + e.getMessage(), e);
        }
    }

    /** Reads a capture from a stream (gzip detected by its magic); {@code source} names it in errors. */
    public static ScapReader open(String source, InputStream stream) {
        try {
            InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return new ScapReader(source, in, EventTable.get());
        } catch (IOException e) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // reporting the first error
            }
            throw new InputException(source, "not a readable scap capture: " + e.getMessage(), e);
        }
    }

    public CaptureInfo info() {
        return info;
    }

    /** Events of types newer than the event table, skipped as libscap does. */
    public long skippedUnknownEvents() {
        return skippedUnknown;
    }

    /** The next event, or {@code null} at the end of the capture. */
    public ScapEvent next() {
        try {
            while (true) {
                int type;
                int length;
                if (hasPending) {
                    type = pendingType;
                    length = pendingLength;
                    hasPending = false;
                } else {
                    byte[] header = new byte[8];
                    int n = in.readNBytes(header, 0, 8);
                    if (n == 0) {
                        return null;
                    }
                    if (n < 8) {
                        throw corrupt("truncated block header at end of file");
                    }
                    type = readInt(header, 0);
                    length = readInt(header, 4);
                }
                if (!isEventBlock(type)) {
                    skipBlock(type, length);
                    continue;
                }
                byte[] body = readBody(length);
                ScapEvent event = decodeEvent(type, body);
                if (event != null) {
                    return event;
                }
            }
        } catch (IOException e) {
            throw new InputException(source, "cannot read capture: " + e.getMessage(), e);
        }
    }

    private static boolean isEventBlock(int type) {
        return type == EV || type == EV_INT || type == EV_V2 || type == EV_V2_LARGE || type == EVF || type == EVF_V2
                || type == EVF_V2_LARGE;
    }

    private ScapEvent decodeEvent(int blockType, byte[] body) {
        boolean v2 = blockType == EV_V2 || blockType == EV_V2_LARGE || blockType == EVF_V2 || blockType == EVF_V2_LARGE;
        boolean hasFlags = blockType == EVF || blockType == EVF_V2 || blockType == EVF_V2_LARGE;
        int pos = 2 + (hasFlags ? 4 : 0);
        int headerLen = v2 ? 26 : 22;
        if (body.length < pos + headerLen) {
            throw corrupt("event block too short (" + body.length + " bytes)");
        }
        int cpu = (body[0] & 0xff) | (body[1] & 0xff) << 8;
        long ts = ScapEvent.readLong(body, pos);
        long tid = ScapEvent.readLong(body, pos + 8);
        long evtLen = readInt(body, pos + 16) & 0xffffffffL;
        int type = (body[pos + 20] & 0xff) | (body[pos + 21] & 0xff) << 8;
        EventTable.EventInfo eventInfo = table.event(type);
        if (eventInfo == null) {
            skippedUnknown++;
            return null;
        }
        int evtStart = pos;
        long evtEnd = evtStart + evtLen;
        if (evtEnd > body.length || evtLen < headerLen) {
            throw corrupt("event " + (eventNumber + 1) + " length " + evtLen + " exceeds its block");
        }
        boolean large = (eventInfo.flags() & EventTable.EF_LARGE_PAYLOAD) != 0;
        int lenSize = large ? 4 : 2;
        int lensStart = evtStart + headerLen;
        int nparams;
        if (v2) {
            long declared = readInt(body, pos + 22) & 0xffffffffL;
            if (declared > 64 || lensStart + declared * lenSize > evtEnd) {
                throw corrupt("event " + (eventNumber + 1) + " declares " + declared + " parameters");
            }
            nparams = (int) declared;
        } else {
            nparams = inferParamCount(body, eventInfo.params().size(), lensStart, (int) evtEnd, lenSize);
        }
        int[] offsets = new int[nparams];
        int[] lengths = new int[nparams];
        long valuePos = lensStart + (long) nparams * lenSize;
        for (int i = 0; i < nparams; i++) {
            int lp = lensStart + i * lenSize;
            long len = lenSize == 2 ? (body[lp] & 0xff) | (body[lp + 1] & 0xff) << 8 : readInt(body, lp) & 0xffffffffL;
            if (valuePos + len > evtEnd) {
                throw corrupt("event " + (eventNumber + 1) + " parameter " + i + " overruns the event");
            }
            offsets[i] = (int) valuePos;
            lengths[i] = (int) len;
            valuePos += len;
        }
        eventNumber++;
        return new ScapEvent(eventNumber, ts, tid, cpu, eventInfo, body, offsets, lengths);
    }

    /** Old (v1) event blocks do not store the parameter count: find the count whose lengths fill the event. */
    private int inferParamCount(byte[] body, int max, int lensStart, int evtEnd, int lenSize) {
        for (int n = max; n >= 0; n--) {
            long valuePos = lensStart + (long) n * lenSize;
            if (valuePos > evtEnd) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                int lp = lensStart + i * lenSize;
                valuePos += lenSize == 2 ? (body[lp] & 0xff) | (body[lp + 1] & 0xff) << 8
                        : readInt(body, lp) & 0xffffffffL;
            }
            if (valuePos == evtEnd) {
                return n;
            }
        }
        throw corrupt("event " + (eventNumber + 1) + ": cannot determine its parameter count");
    }

    private CaptureInfo readHeader() throws IOException {
        byte[] header = new byte[8];
        if (in.readNBytes(header, 0, 8) < 8 || readInt(header, 0) != SHB) {
            throw corrupt("not a scap capture (no section header block)");
        }
        byte[] shb = readBody(readInt(header, 4));
        if (shb.length < 8 || readInt(shb, 0) != SHB_MAGIC) {
            throw corrupt("invalid section header magic (big-endian captures are not supported)");
        }
        int major = (shb[4] & 0xff) | (shb[5] & 0xff) << 8;
        int minor = (shb[6] & 0xff) | (shb[7] & 0xff) << 8;
        if (major > 1) {
            throw corrupt("capture format version " + major + "." + minor + " is newer than this reader (1.x)");
        }
        String hostname = "";
        int cpus = 0;
        List<CaptureInfo.ThreadRecord> threads = new ArrayList<>();
        Map<Long, List<CaptureInfo.FdRecord>> fds = new LinkedHashMap<>();
        Map<Long, String> users = new HashMap<>();
        Map<Long, String> homes = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        while (true) {
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                break;
            }
            if (n < 8) {
                throw corrupt("truncated block header");
            }
            int type = readInt(header, 0);
            int length = readInt(header, 4);
            if (isEventBlock(type)) {
                pendingType = type;
                pendingLength = length;
                hasPending = true;
                break;
            }
            byte[] body = readBody(length);
            Cursor c = new Cursor(body);
            switch (type) {
                case MI, MI_INT -> {
                    cpus = c.u32();
                    c.skip(16);
                    hostname = c.fixedString(Math.min(128, c.remaining()));
                }
                case PL_V1, PL_V1_INT, PL_V2, PL_V2_INT, PL_V3, PL_V3_INT, PL_V4, PL_V5, PL_V6, PL_V7, PL_V8, PL_V9 ->
                        readProcessList(c, type, threads);
                case FDL, FDL_INT, FDL_V2 -> readFdList(c, type, fds);
                case UL, UL_INT, UL_V2 -> readUserList(c, type, users, homes, groups);
                default -> {
                    // interface lists and unknown blocks: not needed by the rule fields
                }
            }
        }
        return new CaptureInfo(major, minor, hostname, cpus, List.copyOf(threads), fds, users, homes, groups);
    }

    private void readProcessList(Cursor c, int type, List<CaptureInfo.ThreadRecord> out) {
        int version = switch (type) {
            case PL_V1, PL_V1_INT -> 1;
            case PL_V2, PL_V2_INT -> 2;
            case PL_V3, PL_V3_INT -> 3;
            case PL_V4 -> 4;
            case PL_V5 -> 5;
            case PL_V6 -> 6;
            case PL_V7 -> 7;
            case PL_V8 -> 8;
            default -> 9;
        };
        while (c.remaining() >= 4) {
            int entryStart = c.pos;
            long subLen = version == 9 ? c.u32() & 0xffffffffL : 0;
            long tid = c.u64();
            long pid = c.u64();
            long ptid = c.u64();
            long sid = version >= 6 ? c.u64() : -1;
            long vpgid = version >= 8 ? c.u64() : -1;
            String comm = c.string16();
            String exe = c.string16();
            String exepath = version >= 7 ? c.string16() : "";
            List<String> args = splitNul(c.bytes16());
            String cwd = c.string16();
            long fdlimit = c.u64();
            long flags = c.u32() & 0xffffffffL;
            long uid = c.u32() & 0xffffffffL;
            long gid = c.u32() & 0xffffffffL;
            List<String> env = List.of();
            long vtid = -1;
            long vpid = -1;
            List<String> cgroups = List.of();
            String root = "";
            if (version >= 2) {
                c.skip(4 + 4 + 4 + 8 + 8);
                if (version >= 3) {
                    env = splitNul(c.bytes16());
                }
                if (version >= 4) {
                    vtid = c.u64();
                    vpid = c.u64();
                    cgroups = splitNul(c.bytes16());
                    if (version >= 5) {
                        root = c.string16();
                    }
                }
            }
            long loginuid = 0xffffffffL;
            long capPermitted = 0;
            long capEffective = 0;
            long tty = 0;
            if (subLen > 0) {
                long read = c.pos - entryStart;
                long rest = subLen - read;
                if (rest < 0) {
                    throw corrupt("process list entry longer than its declared length");
                }
                int restStart = c.pos;
                if (rest > 29) {
                    if (rest >= 8) {
                        c.skip(8);
                    }
                    if (subLen - (c.pos - entryStart) >= 4) {
                        tty = c.u32() & 0xffffffffL;
                    }
                }
                if (subLen - (c.pos - entryStart) >= 4) {
                    loginuid = c.u32() & 0xffffffffL;
                }
                if (subLen - (c.pos - entryStart) >= 1) {
                    c.skip(1);
                }
                if (subLen - (c.pos - entryStart) >= 8) {
                    c.skip(8);
                }
                if (subLen - (c.pos - entryStart) >= 8) {
                    capPermitted = c.u64();
                }
                if (subLen - (c.pos - entryStart) >= 8) {
                    capEffective = c.u64();
                }
                c.pos = restStart + (int) rest;
            }
            out.add(new CaptureInfo.ThreadRecord(tid, pid, ptid, sid, vpgid, comm, exe, exepath, args, cwd, fdlimit,
                    flags, uid, gid, env, vtid, vpid, cgroups, root, loginuid, capPermitted, capEffective, tty));
        }
    }

    private void readFdList(Cursor c, int type, Map<Long, List<CaptureInfo.FdRecord>> out) {
        long tid = c.u64();
        List<CaptureInfo.FdRecord> list = out.computeIfAbsent(tid, k -> new ArrayList<>());
        while (c.remaining() >= 4) {
            int entryStart = c.pos;
            long subLen = type == FDL_V2 ? c.u32() & 0xffffffffL : 0;
            long fd = c.u64();
            long ino = c.u64();
            int fdType = c.u8();
            String name = "";
            long openFlags = 0;
            byte[] sip = null;
            byte[] dip = null;
            int sport = 0;
            int dport = 0;
            int l4 = 0;
            switch (fdType) {
                case 3 -> {
                    sip = c.raw(4);
                    dip = c.raw(4);
                    sport = c.u16();
                    dport = c.u16();
                    l4 = c.u8();
                }
                case 5 -> {
                    sip = c.raw(4);
                    sport = c.u16();
                    l4 = c.u8();
                }
                case 4 -> {
                    sip = c.raw(16);
                    dip = c.raw(16);
                    sport = c.u16();
                    dport = c.u16();
                    l4 = c.u8();
                }
                case 6 -> {
                    sip = c.raw(16);
                    sport = c.u16();
                    l4 = c.u8();
                }
                case 8 -> {
                    c.skip(16);
                    name = c.string16();
                }
                case 16 -> {
                    openFlags = c.u32() & 0xffffffffL;
                    name = c.string16();
                }
                case 0 -> {
                }
                default -> name = c.string16();
            }
            if (subLen > 0) {
                c.pos = entryStart + (int) subLen;
            }
            list.add(new CaptureInfo.FdRecord(fd, ino, fdType, name, openFlags, sip, dip, sport, dport, l4));
        }
    }

    private void readUserList(Cursor c, int type, Map<Long, String> users, Map<Long, String> homes,
                              Map<Long, String> groups) {
        while (c.remaining() >= 4) {
            int entryStart = c.pos;
            long subLen = type == UL_V2 ? c.u32() & 0xffffffffL : 0;
            int kind = c.u8();
            if (kind == 0) {
                long uid = c.u32() & 0xffffffffL;
                c.u32();
                String name = c.string16();
                String home = c.string16();
                c.string16();
                users.put(uid, name);
                homes.put(uid, home);
            } else {
                long gid = c.u32() & 0xffffffffL;
                groups.put(gid, c.string16());
            }
            if (subLen > 0) {
                c.pos = entryStart + (int) subLen;
            }
        }
    }

    /** The 4-byte block trailer, read into the same array for every block. */
    private final byte[] trailer = new byte[4];

    private byte[] readBody(int totalLength) throws IOException {
        long len = totalLength & 0xffffffffL;
        if (len < 12 || len > MAX_BLOCK) {
            throw corrupt("invalid block length " + len);
        }
        int bodyLen = (int) len - 12;
        byte[] body = new byte[bodyLen];
        byte[] trailer = this.trailer;
        if (in.readNBytes(body, 0, bodyLen) < bodyLen || in.readNBytes(trailer, 0, 4) < 4) {
            throw corrupt("truncated block (file ends inside a " + len + "-byte block)");
        }
        if (readInt(trailer, 0) != totalLength) {
            throw corrupt("block trailer length " + readInt(trailer, 0) + " does not match header " + len);
        }
        return body;
    }

    private void skipBlock(int type, int totalLength) throws IOException {
        readBody(totalLength);
    }

    private InputException corrupt(String problem) {
        return new InputException(source, "corrupt scap capture: " + problem);
    }

    static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static List<String> splitNul(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            out.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Little-endian reads over one block, failing cleanly when a field runs past the block. */
    private final class Cursor {
        private final byte[] b;
        private int pos;

        Cursor(byte[] b) {
            this.b = b;
        }

        int remaining() {
            return b.length - pos;
        }

        private void need(int n) {
            if (n < 0 || pos + n > b.length) {
                throw corrupt("header block field runs past the block end");
            }
        }

        int u8() {
            need(1);
            return b[pos++] & 0xff;
        }

        int u16() {
            need(2);
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
            pos += 2;
            return v;
        }

        int u32() {
            need(4);
            int v = readInt(b, pos);
            pos += 4;
            return v;
        }

        long u64() {
            need(8);
            long v = ScapEvent.readLong(b, pos);
            pos += 8;
            return v;
        }

        void skip(int n) {
            need(n);
            pos += n;
        }

        byte[] raw(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] bytes16() {
            return raw(u16());
        }

        String string16() {
            byte[] raw = bytes16();
            int len = raw.length;
            while (len > 0 && raw[len - 1] == 0) {
                len--;
            }
            return new String(raw, 0, len, StandardCharsets.UTF_8);
        }

        String fixedString(int n) {
            byte[] raw = raw(n);
            int len = 0;
            while (len < raw.length && raw[len] != 0) {
                len++;
            }
            return new String(raw, 0, len, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new InputException(source, "cannot close capture: " + e.getMessage(), e);
        }
    }

}
