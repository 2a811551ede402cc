package dev.bulwark.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Opens an image and walks it the way a scan does (a {@link FileIndex} plus a consumer reading every file's content
 * through {@link LayerVisitors#compose}), printing what it saw. {@link BoundedMemoryTest} runs it in a JVM with a
 * small heap. With {@code generate DIR COUNT} it first writes an OCI layout whose one layer holds COUNT empty files,
 * streaming, so that neither the generator nor the test holds the layer.
 *
 * <p>Usage: {@code WalkImageMain IMAGE CACHE_DIR} or {@code WalkImageMain generate DIR COUNT}.
 */
final class WalkImageMain {

    private WalkImageMain() {
    }

    public static void main(String[] args) throws Exception {
        Path image;
        Path cache;
        if (args[0].equals("generate")) {
            Path dir = Path.of(args[1]);
            image = generate(dir.resolve("oci"), Integer.parseInt(args[2]));
            cache = dir.resolve("cache");
        } else {
            image = Path.of(args[0]);
            cache = Path.of(args[1]);
        }
        ImageOpener opener = new ImageOpener(ImageOptions.defaults(cache.resolve("tmp")));
        long[] files = {0};
        long[] bytes = {0};
        LayerVisitor reader = layer -> new EntryVisitor() {
            private final byte[] buffer = new byte[64 << 10];

            @Override
            public boolean wantsContent(FileEntry header) {
                return header.kind() == EntryKind.FILE;
            }

            @Override
            public void visit(FileEntry entry) throws IOException {
                if (entry.kind() == EntryKind.FILE) {
                    files[0]++;
                    try (InputStream in = entry.open()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            bytes[0] += n;
                        }
                    }
                }
            }
        };
        try (Image opened = opener.openFile(image.toString())) {
            FileIndex index = new FileIndex();
            opened.walk(LayerVisitors.compose(cache.resolve("tmp"), List.of(index, reader)));
            FileView view = index.view();
            Runtime runtime = Runtime.getRuntime();
            System.out.println("layers=" + opened.metadata().layers().size() + " paths=" + view.size() + " files="
                    + files[0] + " bytes=" + bytes[0] + " heapUsedMiB="
                    + ((runtime.totalMemory() - runtime.freeMemory()) >> 20) + " maxHeapMiB="
                    + (runtime.maxMemory() >> 20));
        }
    }

    /** Writes an OCI layout with one gzip layer of {@code count} empty files, computing digests while streaming. */
    static Path generate(Path layout, int count) throws Exception {
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        Path layerFile = blobs.resolve("layer.tmp");
        MessageDigest blobDigest = MessageDigest.getInstance("SHA-256");
        MessageDigest diffDigest = MessageDigest.getInstance("SHA-256");
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(layerFile), blobDigest);
             GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16) {
                 {
                     def.setLevel(Deflater.BEST_SPEED);
                 }
             };
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, diffDigest))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < count; i++) {
                TarArchiveEntry entry = new TarArchiveEntry(String.format("usr/share/p%04d/d%02d/file-%07d.txt",
                        i / 1000, (i / 50) % 20, i));
                entry.setSize(0);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        String layer = hex(blobDigest);
        String diffId = hex(diffDigest);
        Files.move(layerFile, blobs.resolve(layer));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"sha256:" + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = write(blobs, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
                + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + layer + "\",\"size\":"
                + Files.size(blobs.resolve(layer)) + "}]}").getBytes(StandardCharsets.UTF_8);
        String manifestDigest = write(blobs, manifest);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + manifestDigest
                + "\",\"size\":" + manifest.length + "}]}");
        return layout;
    }

    private static String write(Path blobs, byte[] data) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Files.write(blobs.resolve(hex), data);
        return hex;
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
