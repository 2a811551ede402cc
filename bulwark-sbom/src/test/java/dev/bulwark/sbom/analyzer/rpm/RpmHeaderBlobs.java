package dev.bulwark.sbom.analyzer.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes rpm header blobs (index entries + data store, big-endian), as rpm stores them in its databases. */
final class RpmHeaderBlobs {

    private record Entry(int tag, int type, int count, byte[] data, int align) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RpmHeaderBlobs string(int tag, String value) {
        entries.add(new Entry(tag, RpmHeaderParser.TYPE_STRING, 1, (value + "\0").getBytes(StandardCharsets.UTF_8),
                1));
        return this;
    }

    RpmHeaderBlobs strings(int tag, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            out.writeBytes((v + "\0").getBytes(StandardCharsets.UTF_8));
        }
        entries.add(new Entry(tag, RpmHeaderParser.TYPE_STRING_ARRAY, values.length, out.toByteArray(), 1));
        return this;
    }

    RpmHeaderBlobs ints(int tag, int... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        entries.add(new Entry(tag, RpmHeaderParser.TYPE_INT32, values.length, buf.array(), 4));
        return this;
    }

    /** A typical package: name, version, release, arch, source rpm, license and two files ({@code /usr/bin/NAME}, {@code /usr/share/java/NAME.jar}). */
    static RpmHeaderBlobs pkg(String name, Integer epoch, String version, String release) {
        RpmHeaderBlobs blobs = new RpmHeaderBlobs().string(RpmHeaderParser.TAG_NAME, name)
                .string(RpmHeaderParser.TAG_VERSION, version).string(RpmHeaderParser.TAG_RELEASE, release)
                .string(RpmHeaderParser.TAG_ARCH, "x86_64").string(RpmHeaderParser.TAG_LICENSE, "MIT")
                .string(RpmHeaderParser.TAG_SOURCERPM, name + "-" + version + "-" + release + ".src.rpm")
                .strings(RpmHeaderParser.TAG_BASENAMES, name, name + ".jar")
                .strings(RpmHeaderParser.TAG_DIRNAMES, "/usr/bin/", "/usr/share/java/")
                .ints(RpmHeaderParser.TAG_DIRINDEXES, 0, 1);
        if (epoch != null) {
            blobs.ints(RpmHeaderParser.TAG_EPOCH, epoch);
        }
        return blobs;
    }

    byte[] build() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer index = ByteBuffer.allocate(16 * entries.size()).order(ByteOrder.BIG_ENDIAN);
        for (Entry e : entries) {
            while (data.size() % e.align() != 0) {
                data.write(0);
            }
            index.putInt(e.tag()).putInt(e.type()).putInt(data.size()).putInt(e.count());
            data.writeBytes(e.data());
        }
        ByteBuffer blob = ByteBuffer.allocate(8 + index.capacity() + data.size()).order(ByteOrder.BIG_ENDIAN);
        blob.putInt(entries.size()).putInt(data.size()).put(index.array()).put(data.toByteArray());
        return blob.array();
    }
}
