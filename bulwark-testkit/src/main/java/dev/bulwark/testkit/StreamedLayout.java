package dev.bulwark.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes an OCI image layout whose layer blobs are written by the caller, streaming, into files: for layers too big
 * to hold in memory (bombs, a million entries). The caller says which diffID the config claims, so a layer may lie.
 *
 * <pre>
 * StreamedLayout layout = new StreamedLayout(dir);
 * layout.layer("+gzip", diffId, out -> ...write the compressed blob...);
 * layout.write("1", null);
 * </pre>
 */
final class StreamedLayout {

    /** Writes a layer blob (as stored: compressed or not). */
    interface BlobWriter {
        void write(OutputStream out) throws IOException;
    }

    private record Layer(String mediaType, String digest, long size, String diffId) {
    }

    private final Path dir;
    private final Path blobs;
    private final List<Layer> layers = new ArrayList<>();

    StreamedLayout(Path dir) {
        this.dir = dir;
        try {
            this.blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a layer blob written by {@code writer}; its digest is computed while it is written.
     *
     * @param mediaTypeSuffix {@code ""}, {@code "+gzip"} or {@code "+zstd"}
     * @param diffId the diffID the config claims for it
     */
    StreamedLayout layer(String mediaTypeSuffix, String diffId, BlobWriter writer) {
        try {
            Path temp = Files.createTempFile(blobs, "layer-", ".tmp");
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                writer.write(out);
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            Files.move(temp, blobs.resolve(hex));
            layers.add(new Layer("application/vnd.oci.image.layer.v1.tar" + mediaTypeSuffix, "sha256:" + hex,
                    Files.size(blobs.resolve(hex)), diffId));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the diffID of the last layer added, once the caller has computed it while writing. */
    StreamedLayout withDiffIdOfLastLayer(String diffId) {
        Layer last = layers.removeLast();
        layers.add(new Layer(last.mediaType, last.digest, last.size, diffId));
        return this;
    }

    /**
     * Writes the config (or {@code configOverride} verbatim), manifest and index; returns the layout directory.
     *
     * @param configOverride the config document to store instead of the generated one, or {@code null}
     */
    Path write(String tag, byte[] configOverride) {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder descriptors = new StringBuilder();
        for (Layer layer : layers) {
            diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(layer.diffId).append('"');
            descriptors.append(descriptors.isEmpty() ? "" : ",").append("{\"mediaType\":\"").append(layer.mediaType)
                    .append("\",\"digest\":\"").append(layer.digest).append("\",\"size\":").append(layer.size)
                    .append('}');
        }
        byte[] config = configOverride != null ? configOverride : ("{\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            String configDigest = blob(config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + configDigest + "\",\"size\":" + config.length + "},\"layers\":[" + descriptors + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            String manifestDigest = blob(manifest);
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag
                    + "\"}}]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores {@code data} as a blob and returns its digest. */
    String blob(byte[] data) throws IOException {
        String digest = ImageArchiveBuilder.sha256(data);
        Files.write(blobs.resolve(digest.substring("sha256:".length())), data);
        return digest;
    }

    /** The sha256 of a stream, as {@code sha256:<hex>}. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
