package dev.bulwark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes small but complete images in the formats real tools produce, from layer tars made with {@link TarBuilder}:
 * an OCI image layout (directory or tar, gzip or plain layers) and a docker-archive (plain or gzip'ed as a whole),
 * with a real config (diff_ids, history, env, user) and correct digests everywhere.
 *
 * <pre>
 * Path image = new ImageArchiveBuilder()
 *     .layer(new TarBuilder().file("etc/os-release", "ID=alpine\n").build(), "ADD rootfs /")
 *     .env("PATH=/bin").user("app")
 *     .writeDockerArchive(dir.resolve("image.tar"), "example/app:1.0", false);
 * </pre>
 */
public final class ImageArchiveBuilder {

    private record Layer(byte[] tar, String createdBy) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private String user = "";
    private String architecture = "amd64";
    private String os = "linux";
    private String extraConfig = "";

    /** Adds a layer (an uncompressed tar) created by the given history instruction. */
    public ImageArchiveBuilder layer(byte[] tar, String createdBy) {
        layers.add(new Layer(tar, createdBy));
        return this;
    }

    public ImageArchiveBuilder env(String nameValue) {
        env.add(nameValue);
        return this;
    }

    public ImageArchiveBuilder user(String newUser) {
        this.user = newUser;
        return this;
    }

    public ImageArchiveBuilder platform(String newOs, String newArchitecture) {
        this.os = newOs;
        this.architecture = newArchitecture;
        return this;
    }

    /** Extra members of the config's {@code config} object, as JSON text without braces, e.g. {@code "Cmd":["sh"]}. */
    public ImageArchiveBuilder configJson(String members) {
        this.extraConfig = members;
        return this;
    }

    /** The config JSON. */
    public String config() {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (Layer layer : layers) {
            diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(sha256(layer.tar)).append('"');
            history.append(history.isEmpty() ? "" : ",").append("{\"created\":\"2024-01-01T00:00:00Z\",")
                    .append("\"created_by\":").append(quote(layer.createdBy)).append('}');
        }
        StringBuilder envJson = new StringBuilder();
        for (String e : env) {
            envJson.append(envJson.isEmpty() ? "" : ",").append(quote(e));
        }
        return "{\"created\":\"2024-01-01T00:00:00Z\",\"architecture\":\"" + architecture + "\",\"os\":\"" + os
                + "\",\"config\":{\"User\":" + quote(user) + ",\"Env\":[" + envJson + "]"
                + (extraConfig.isEmpty() ? "" : "," + extraConfig) + "},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},"
                + "\"history\":[" + history + "]}";
    }

    /** Writes an OCI image layout directory; layers gzip-compressed when {@code gzip}. Returns {@code dir}. */
    public Path writeOciLayout(Path dir, String tag, boolean gzip) {
        return gzip ? writeOciLayout(dir, tag, "+gzip", TarBuilder::gzip) : writeOciLayout(dir, tag, "", t -> t);
    }

    /**
     * Writes an OCI image layout directory with each layer compressed by {@code compress} and its media type ending
     * in {@code mediaTypeSuffix}, e.g. {@code "+zstd"} with a zstd compressor. Returns {@code dir}.
     */
    public Path writeOciLayout(Path dir, String tag, String mediaTypeSuffix,
                               java.util.function.UnaryOperator<byte[]> compress) {
        try {
            Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            StringBuilder layerDescriptors = new StringBuilder();
            for (Layer layer : layers) {
                byte[] blob = compress.apply(layer.tar);
                String digest = writeBlob(blobs, blob);
                layerDescriptors.append(layerDescriptors.isEmpty() ? "" : ",")
                        .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar")
                        .append(mediaTypeSuffix).append("\",\"digest\":\"").append(digest)
                        .append("\",\"size\":").append(blob.length).append('}');
            }
            byte[] config = config().getBytes(StandardCharsets.UTF_8);
            String configDigest = writeBlob(blobs, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + configDigest + "\",\"size\":" + config.length + "},\"layers\":[" + layerDescriptors + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            String manifestDigest = writeBlob(blobs, manifest);
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
                    + "\",\"size\":" + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":"
                    + quote(tag) + "}}]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an OCI image layout as a tar file. */
    public Path writeOciTar(Path file, String tag, boolean gzipLayers) {
        try {
            Path dir = Files.createTempDirectory(file.toAbsolutePath().getParent(), "oci-");
            writeOciLayout(dir, tag, gzipLayers);
            TarBuilder tar = new TarBuilder();
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted().toList()) {
                    String name = dir.relativize(p).toString();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        tar.dir(name);
                    } else {
                        tar.file(name, Files.readAllBytes(p));
                    }
                }
            }
            Files.write(file, tar.build());
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a docker-archive like skopeo does (layers first, then the config, then {@code manifest.json}), gzip'ed
     * as a whole when {@code gzipWhole}.
     */
    public Path writeDockerArchive(Path file, String repoTag, boolean gzipWhole) {
        TarBuilder tar = new TarBuilder();
        StringBuilder layerNames = new StringBuilder();
        for (Layer layer : layers) {
            String name = sha256(layer.tar).substring("sha256:".length()) + ".tar";
            tar.file(name, layer.tar);
            layerNames.append(layerNames.isEmpty() ? "" : ",").append(quote(name));
        }
        byte[] config = config().getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config).substring("sha256:".length()) + ".json";
        tar.file(configName, config);
        tar.file("manifest.json", "[{\"Config\":" + quote(configName) + ",\"RepoTags\":[" + quote(repoTag)
                + "],\"Layers\":[" + layerNames + "]}]");
        byte[] bytes = gzipWhole ? tar.buildGzip() : tar.build();
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String writeBlob(Path blobs, byte[] data) throws IOException {
        String digest = sha256(data);
        Files.write(blobs.resolve(digest.substring("sha256:".length())), data);
        return digest;
    }

    /** {@code sha256:<hex>} of the data. */
    public static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
