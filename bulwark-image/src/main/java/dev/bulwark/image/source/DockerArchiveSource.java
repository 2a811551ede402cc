package dev.bulwark.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.internal.ArchiveFiles;
import dev.bulwark.image.internal.EntryPaths;
import dev.bulwark.image.internal.ImageConfigParser;
import dev.bulwark.image.internal.JsonFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker save} format (also written by skopeo and podman): {@code manifest.json} lists, per image, the
 * config file, the repo tags and the layer files in order. Both the legacy {@code <id>/layer.tar} layout and the flat
 * {@code <diffid>.tar} layout are read; layer files may be plain or compressed tars.
 */
public final class DockerArchiveSource {

    private DockerArchiveSource() {
    }

    /** Whether the archive looks like a docker-archive. */
    public static boolean accepts(ArchiveFiles files) {
        return files.exists("manifest.json");
    }

    /**
     * @param selector a repo tag ({@code name:tag} or just {@code tag}) to pick one image of several, or null
     */
    public static Image open(ArchiveFiles files, String name, String selector, ImageOptions options,
                             Runnable onClose) throws IOException {
        long maxJson = options.limits().maxMetadataBytes();
        JsonNode manifest = JsonFiles.parse(JsonFiles.readBounded(files, "manifest.json", maxJson, name),
                "manifest.json", name);
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new InputException(name, "manifest.json: expected a non-empty array of images");
        }
        JsonNode chosen = choose(manifest, selector, name);
        String configName = normalize(JsonFiles.text(chosen, "Config", "manifest.json", name), name);
        byte[] configBytes = JsonFiles.readBounded(files, configName, maxJson, name);
        Digest configDigest = sha256(configBytes);
        ImageConfigParser.ParsedConfig config = ImageConfigParser.parse(
                JsonFiles.parse(configBytes, configName, name), configName, name);
        JsonNode layerNames = chosen.path("Layers");
        if (!layerNames.isArray()) {
            throw new InputException(name, "manifest.json: image has no \"Layers\" array");
        }
        if (layerNames.size() != config.diffIds().size()) {
            throw new InputException(name, "manifest.json lists " + layerNames.size() + " layers but the config has "
                    + config.diffIds().size() + " diff_ids");
        }
        List<ArchiveImage.LayerFile> layerFiles = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (JsonNode layerName : layerNames) {
            String file = normalize(layerName.asText(), name);
            if (!files.exists(file)) {
                throw new InputException(name, "layer file " + file + " listed in manifest.json is missing");
            }
            long size = files.size(file);
            layerFiles.add(new ArchiveImage.LayerFile(file, null, size));
            sizes.add(size);
        }
        List<String> tags = new ArrayList<>();
        chosen.path("RepoTags").forEach(t -> tags.add(t.asText()));
        List<LayerRef> layers = config.layers(null);
        ImageMetadata metadata = new ImageMetadata(name, tags, List.of(), null, configDigest, config.platform(),
                config.created(), config.config(), layers, sizes);
        return new ArchiveImage(files, metadata, layerFiles, options, onClose);
    }

    private static JsonNode choose(JsonNode manifest, String selector, String name) {
        if (selector == null) {
            if (manifest.size() > 1) {
                throw new InputException(name, "the archive holds " + manifest.size() + " images; pick one with "
                        + "PATH:TAG (tags: " + allTags(manifest) + ")");
            }
            return manifest.get(0);
        }
        for (JsonNode image : manifest) {
            for (JsonNode tag : image.path("RepoTags")) {
                String t = tag.asText();
                if (t.equals(selector) || t.endsWith(":" + selector) || t.equals("docker.io/" + selector)
                        || t.equals("docker.io/library/" + selector)) {
                    return image;
                }
            }
        }
        throw new InputException(name, "no image tagged '" + selector + "' in the archive (tags: "
                + allTags(manifest) + ")");
    }

    private static String allTags(JsonNode manifest) {
        List<String> tags = new ArrayList<>();
        manifest.forEach(image -> image.path("RepoTags").forEach(t -> tags.add(t.asText())));
        return tags.isEmpty() ? "none" : String.join(", ", tags);
    }

    private static String normalize(String file, String name) {
        try {
            return EntryPaths.normalize(file, 4096, 64).substring(1);
        } catch (EntryPaths.UnsafePathException e) {
            throw new InputException(name, "manifest.json names an unsafe file: " + e.getMessage());
        }
    }

    private static Digest sha256(byte[] data) {
        try {
            return Digest.sha256(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
