package dev.bulwark.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.ImageReference;
import dev.bulwark.image.RegistryEnvironment;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.ImageConfigParser;
import dev.bulwark.image.internal.IndexSelection;
import dev.bulwark.image.internal.JsonFiles;
import dev.bulwark.image.internal.MediaTypes;
import dev.bulwark.image.registry.RegistryClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image in a registry: resolves the reference to a manifest (through manifest lists and OCI indexes by platform,
 * each verified against its digest), reads the config, and streams each layer blob from HTTP straight into the layer
 * reader when the image is walked: nothing is downloaded to disk or held in memory.
 */
public final class RegistrySource {

    private static final Set<String> IMAGE_CONFIG_TYPES = Set.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");

    private RegistrySource() {
    }

    /**
     * @param name what the user typed, for messages and {@link ImageMetadata#name()}
     */
    public static Image open(ImageReference reference, String name, ImageOptions options,
                             RegistryEnvironment environment) throws IOException {
        RegistryClient client = new RegistryClient(reference, options.registry(), environment, name);
        try {
            return open(client, reference, name, options);
        } catch (RuntimeException | IOException e) {
            client.close();
            throw e;
        }
    }

    private static Image open(RegistryClient client, ImageReference reference, String name, ImageOptions options)
            throws IOException {
        long maxJson = options.limits().maxMetadataBytes();
        RegistryClient.Manifest manifest = client.manifest(reference.manifestReference(), maxJson);
        Set<Digest> seen = new HashSet<>();
        JsonNode json = parse(manifest, name);
        for (int depth = 0; isIndex(manifest, json); depth++) {
            if (!seen.add(manifest.digest()) || depth >= IndexSelection.MAX_DEPTH) {
                throw new InputException(name, "index " + manifest.digest() + " is nested too deeply or refers to "
                        + "itself");
            }
            JsonNode chosen = IndexSelection.byPlatform(json, options.platform(), name, "index "
                    + manifest.digest());
            Digest next = JsonFiles.digest(chosen, "digest", "index " + manifest.digest(), name);
            manifest = client.manifest(next.toString(), maxJson);
            json = parse(manifest, name);
        }
        String where = "manifest " + manifest.digest();
        if (MediaTypes.isSchema1(manifest.mediaType()) || json.path("schemaVersion").asInt(2) == 1) {
            throw new InputException(name, where + " is a Docker schema 1 manifest, which has been deprecated since "
                    + "2017 and is not supported; push the image again with a current Docker, Buildah or skopeo");
        }
        if (!json.path("layers").isArray() || !json.path("config").isObject()) {
            throw new InputException(name, where + " is not an image manifest (media type '" + manifest.mediaType()
                    + "', no \"config\" and \"layers\")");
        }
        JsonNode configDescriptor = json.path("config");
        String configType = configDescriptor.path("mediaType").asText("");
        if (!configType.isEmpty() && !IMAGE_CONFIG_TYPES.contains(configType)) {
            throw new InputException(name, where + " is not a container image but an artifact of type '"
                    + configType + "'");
        }
        Digest configDigest = JsonFiles.digest(configDescriptor, "digest", where, name);
        byte[] configBytes = client.blob(configDigest, maxJson);
        ImageConfigParser.ParsedConfig config = ImageConfigParser.parse(
                JsonFiles.parse(configBytes, "config " + configDigest, name), "config " + configDigest, name);
        Map<String, Long> sizesByName = new LinkedHashMap<>();
        List<ArchiveImage.LayerFile> layerFiles = new ArrayList<>();
        List<Digest> blobDigests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (JsonNode layer : json.path("layers")) {
            Digest digest = JsonFiles.digest(layer, "digest", where, name);
            String mediaType = layer.path("mediaType").asText("");
            if (!MediaTypes.isLayer(mediaType)) {
                throw new InputException(name, where + ": unsupported layer media type '" + mediaType + "'");
            }
            long size = layer.path("size").asLong(-1);
            String file = "blobs/" + digest.algorithm() + "/" + digest.hex();
            sizesByName.put(file, size);
            layerFiles.add(new ArchiveImage.LayerFile(file, digest, size));
            blobDigests.add(digest);
            sizes.add(size);
        }
        if (layerFiles.size() != config.diffIds().size()) {
            throw new InputException(name, where + " has " + layerFiles.size() + " layers but the config has "
                    + config.diffIds().size() + " diff_ids");
        }
        List<String> tags = reference.tag() != null ? List.of(reference.name() + ":" + reference.tag()) : List.of();
        ImageMetadata metadata = new ImageMetadata(name, tags, List.of(reference.name() + "@" + manifest.digest()),
                manifest.digest(), configDigest, config.platform(), config.created(), config.config(),
                config.layers(blobDigests), sizes);
        return new ArchiveImage(new RegistryBlobs(client, sizesByName, name), metadata, layerFiles, options,
                () -> { });
    }

    private static JsonNode parse(RegistryClient.Manifest manifest, String name) {
        JsonNode json = JsonFiles.parse(manifest.body(), "manifest " + manifest.digest(), name);
        if (!json.isObject()) {
            throw new InputException(name, "manifest " + manifest.digest() + " is not a JSON object");
        }
        return json;
    }

    private static boolean isIndex(RegistryClient.Manifest manifest, JsonNode json) {
        String declared = json.path("mediaType").asText(manifest.mediaType());
        return IndexSelection.isIndex(manifest.mediaType()) || IndexSelection.isIndex(declared)
                || (json.path("manifests").isArray() && !json.has("layers"));
    }

    /** The layer blobs of one image in a registry, by their layout-style names ({@code blobs/sha256/...}). */
    private static final class RegistryBlobs implements ArchiveFiles {
        private final RegistryClient client;
        private final Map<String, Long> sizes;
        private final String name;

        RegistryBlobs(RegistryClient client, Map<String, Long> sizes, String name) {
            this.client = client;
            this.sizes = Map.copyOf(sizes);
            this.name = name;
        }

        @Override
        public Set<String> names() {
            return sizes.keySet();
        }

        @Override
        public boolean exists(String file) {
            return sizes.containsKey(file);
        }

        @Override
        public long size(String file) {
            return sizes.getOrDefault(file, -1L);
        }

        @Override
        public InputStream open(String file) throws IOException {
            Digest digest = Digest.parse(file.substring("blobs/".length()).replace('/', ':'));
            long size = size(file);
            InputStream blob = client.openBlob(digest);
            return size < 0 ? blob : new SizeBoundStream(blob, size, name, digest);
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Stops a blob that sends more bytes than its descriptor's size, before they cost time or memory. */
    private static final class SizeBoundStream extends FilterInputStream {
        private final long size;
        private final String name;
        private final Digest digest;
        private long count;

        SizeBoundStream(InputStream in, long size, String name, Digest digest) {
            super(in);
            this.size = size;
            this.name = name;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > size) {
                throw new InputException(name, "blob " + digest + " is longer than the " + size
                        + " bytes its manifest declares");
            }
        }
    }
}
