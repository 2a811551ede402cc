package dev.bulwark.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.Platform;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.ImageConfigParser;
import dev.bulwark.image.internal.IndexSelection;
import dev.bulwark.image.internal.JsonFiles;
import dev.bulwark.image.internal.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}), as written by Jib,
 * buildah, BuildKit, skopeo and umoci: picks one image by tag ({@code org.opencontainers.image.ref.name}), by digest,
 * or by platform from (nested) indexes, verifying every manifest, index and config blob against its digest.
 */
public final class OciLayoutSource {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_INDEX_DEPTH = IndexSelection.MAX_DEPTH;

    private OciLayoutSource() {
    }

    public static boolean accepts(ArchiveFiles files) {
        return files.exists("index.json") && files.exists("oci-layout");
    }

    /**
     * @param selector {@code null}, a tag, or a digest ({@code sha256:...}) of a manifest or index
     */
    public static Image open(ArchiveFiles files, String name, String selector, Platform platform,
                             ImageOptions options, Runnable onClose) throws IOException {
        Reader reader = new Reader(files, name, options.limits().maxMetadataBytes());
        JsonNode layout = reader.json("oci-layout");
        String version = layout.path("imageLayoutVersion").asText("");
        if (!version.startsWith("1.")) {
            throw new InputException(name, "oci-layout: unsupported imageLayoutVersion '" + version + "'");
        }
        JsonNode index = reader.json("index.json");
        JsonNode descriptor = reader.choose(index, selector, platform);
        Digest manifestDigest = JsonFiles.digest(descriptor, "digest", "index.json", name);
        JsonNode manifest = reader.blobJson(manifestDigest);
        if (!manifest.path("layers").isArray() || !manifest.path("config").isObject()) {
            throw new InputException(name, "manifest " + manifestDigest + " is not an image manifest");
        }
        Digest configDigest = JsonFiles.digest(manifest.path("config"), "digest", "manifest " + manifestDigest, name);
        ImageConfigParser.ParsedConfig config = ImageConfigParser.parse(reader.blobJson(configDigest),
                "config " + configDigest, name);
        List<ArchiveImage.LayerFile> layerFiles = new ArrayList<>();
        List<Digest> blobDigests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            Digest digest = JsonFiles.digest(layer, "digest", "manifest " + manifestDigest, name);
            String mediaType = layer.path("mediaType").asText("");
            if (!isLayerMediaType(mediaType)) {
                throw new InputException(name, "manifest " + manifestDigest + ": unsupported layer media type '"
                        + mediaType + "'");
            }
            String file = Reader.blobPath(digest);
            if (!files.exists(file)) {
                throw new InputException(name, "layer blob " + digest + " is missing from the layout");
            }
            long size = layer.path("size").asLong(-1);
            layerFiles.add(new ArchiveImage.LayerFile(file, digest, size));
            blobDigests.add(digest);
            sizes.add(size);
        }
        if (layerFiles.size() != config.diffIds().size()) {
            throw new InputException(name, "manifest " + manifestDigest + " has " + layerFiles.size()
                    + " layers but the config has " + config.diffIds().size() + " diff_ids");
        }
        List<String> tags = new ArrayList<>();
        String ref = descriptor.path("annotations").path(REF_NAME).asText("");
        if (!ref.isEmpty()) {
            tags.add(ref);
        }
        ImageMetadata metadata = new ImageMetadata(name, tags, List.of(), manifestDigest, configDigest,
                config.platform(), config.created(), config.config(), config.layers(blobDigests), sizes);
        return new ArchiveImage(files, metadata, layerFiles, options, onClose);
    }

    static boolean isLayerMediaType(String mediaType) {
        return MediaTypes.isLayer(mediaType);
    }

    static boolean isIndex(String mediaType) {
        return IndexSelection.isIndex(mediaType);
    }

    /** Reads and verifies the layout's JSON blobs and walks its indexes. */
    private static final class Reader {
        private final ArchiveFiles files;
        private final String name;
        private final long maxJson;

        Reader(ArchiveFiles files, String name, long maxJson) {
            this.files = files;
            this.name = name;
            this.maxJson = maxJson;
        }

        static String blobPath(Digest digest) {
            return "blobs/" + digest.algorithm() + "/" + digest.hex();
        }

        JsonNode json(String file) throws IOException {
            return JsonFiles.parse(JsonFiles.readBounded(files, file, maxJson, name), file, name);
        }

        JsonNode blobJson(Digest digest) throws IOException {
            String file = blobPath(digest);
            if (!files.exists(file)) {
                throw new InputException(name, "blob " + digest + " is missing from the layout");
            }
            byte[] data = JsonFiles.readBounded(files, file, maxJson, name);
            JsonFiles.verify(data, digest, "blob " + digest, name);
            return JsonFiles.parse(data, "blob " + digest, name);
        }

        /** The manifest descriptor the selector and platform lead to. */
        JsonNode choose(JsonNode index, String selector, Platform platform) throws IOException {
            JsonNode manifests = index.path("manifests");
            if (!manifests.isArray() || manifests.isEmpty()) {
                throw new InputException(name, "index.json lists no images");
            }
            JsonNode start;
            if (selector == null) {
                if (manifests.size() == 1) {
                    start = manifests.get(0);
                } else if (allHavePlatforms(manifests)) {
                    return byPlatform(index, platform, 0, new HashSet<>());
                } else {
                    throw new InputException(name, "the layout holds " + manifests.size() + " images; pick one with "
                            + "PATH:TAG or PATH@DIGEST (tags: " + tags(manifests) + ")");
                }
            } else if (selector.contains(":") && selector.matches("[a-z0-9]+:[a-zA-Z0-9=_-]+")) {
                Digest wanted;
                try {
                    wanted = Digest.parse(selector);
                } catch (IllegalArgumentException e) {
                    throw new InputException(name, "invalid digest selector: " + e.getMessage());
                }
                start = findDigest(index, wanted, 0, new HashSet<>());
                if (start == null) {
                    throw new InputException(name, "no manifest or index with digest " + wanted + " in the layout");
                }
            } else {
                start = null;
                for (JsonNode m : manifests) {
                    String ref = m.path("annotations").path(REF_NAME).asText("");
                    String containerd = m.path("annotations").path("io.containerd.image.name").asText("");
                    if (ref.equals(selector) || containerd.endsWith(":" + selector) || containerd.equals(selector)) {
                        start = m;
                        break;
                    }
                }
                if (start == null) {
                    throw new InputException(name, "no image tagged '" + selector + "' in the layout (tags: "
                            + tags(manifests) + ")");
                }
            }
            return resolve(start, platform, 0, new HashSet<>());
        }

        private JsonNode resolve(JsonNode descriptor, Platform platform, int depth, Set<String> visited)
                throws IOException {
            String mediaType = descriptor.path("mediaType").asText("");
            Digest digest = JsonFiles.digest(descriptor, "digest", "index.json", name);
            if (isIndex(mediaType)) {
                if (depth >= MAX_INDEX_DEPTH || !visited.add(digest.toString())) {
                    throw new InputException(name, "index " + digest + " is nested too deeply or refers to itself");
                }
                return byPlatform(blobJson(digest), platform, depth + 1, visited);
            }
            if (mediaType.isEmpty()) {
                JsonNode blob = blobJson(digest);
                if (blob.path("manifests").isArray()) {
                    if (depth >= MAX_INDEX_DEPTH || !visited.add(digest.toString())) {
                        throw new InputException(name, "index " + digest + " is nested too deeply or refers to "
                                + "itself");
                    }
                    return byPlatform(blob, platform, depth + 1, visited);
                }
            }
            return descriptor;
        }

        private JsonNode byPlatform(JsonNode index, Platform platform, int depth, Set<String> visited)
                throws IOException {
            return resolve(IndexSelection.byPlatform(index, platform, name, "the index"), platform, depth, visited);
        }

        private JsonNode findDigest(JsonNode index, Digest wanted, int depth, Set<String> visited)
                throws IOException {
            for (JsonNode m : index.path("manifests")) {
                Digest digest = JsonFiles.digest(m, "digest", "index.json", name);
                if (digest.equals(wanted)) {
                    return m;
                }
                if (isIndex(m.path("mediaType").asText("")) && depth < MAX_INDEX_DEPTH
                        && visited.add(digest.toString())) {
                    JsonNode found = findDigest(blobJson(digest), wanted, depth + 1, visited);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static boolean allHavePlatforms(JsonNode manifests) {
            for (JsonNode m : manifests) {
                if (!m.path("platform").isObject()) {
                    return false;
                }
            }
            return true;
        }

        private static String tags(JsonNode manifests) {
            List<String> tags = new ArrayList<>();
            for (JsonNode m : manifests) {
                String ref = m.path("annotations").path(REF_NAME).asText("");
                if (!ref.isEmpty()) {
                    tags.add(ref);
                }
            }
            return tags.isEmpty() ? "none" : String.join(", ", tags);
        }
    }
}
