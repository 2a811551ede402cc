package dev.bulwark.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Digest;
import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Test stand-in for the scan module, which does not exist yet: opens a corpus image (OCI layout tar or gzipped
 * docker-archive), walks every layer's regular files through {@link SecretScanner#scanFile} with the whiteout-derived
 * "in final image" flag, and scans the image config. Only as much image handling as the test needs.
 */
final class CorpusImageScan {

    record Result(List<SecretFinding> files, List<SecretFinding> config, int filesSeen, int filesRead) {
    }

    private CorpusImageScan() {
    }

    static Result scan(Path archive, SecretScanner scanner) throws IOException {
        Map<String, byte[]> blobs = outerEntries(archive);
        ObjectMapper json = new ObjectMapper();
        JsonNode config;
        List<byte[]> layers = new ArrayList<>();
        if (blobs.containsKey("index.json")) {
            JsonNode index = json.readTree(blobs.get("index.json"));
            JsonNode manifest = json.readTree(blob(blobs, index.get("manifests").get(0).get("digest").asText()));
            config = json.readTree(blob(blobs, manifest.get("config").get("digest").asText()));
            for (JsonNode layer : manifest.get("layers")) {
                layers.add(new GZIPInputStream(new ByteArrayInputStream(blob(blobs, layer.get("digest").asText())))
                        .readAllBytes());
            }
        } else {
            JsonNode manifest = json.readTree(blobs.get("manifest.json")).get(0);
            config = json.readTree(blobs.get(manifest.get("Config").asText()));
            for (JsonNode layer : manifest.get("Layers")) {
                layers.add(blobs.get(layer.asText()));
            }
        }
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(id -> diffIds.add(id.asText()));

        // Whiteouts of each layer: deleted paths and opaque directories.
        List<Set<String>> deleted = new ArrayList<>();
        List<Set<String>> opaque = new ArrayList<>();
        List<Set<String>> present = new ArrayList<>();
        for (byte[] layer : layers) {
            Set<String> del = new HashSet<>();
            Set<String> opq = new HashSet<>();
            Set<String> files = new HashSet<>();
            forEachEntry(layer, (entry, in) -> {
                String path = "/" + strip(entry.getName());
                String name = path.substring(path.lastIndexOf('/') + 1);
                String dir = path.substring(0, path.lastIndexOf('/'));
                if (name.equals(".wh..wh..opq")) {
                    opq.add(dir);
                } else if (name.startsWith(".wh.")) {
                    del.add(dir + "/" + name.substring(4));
                } else {
                    files.add(path);
                }
            });
            deleted.add(del);
            opaque.add(opq);
            present.add(files);
        }

        List<SecretFinding> findings = new ArrayList<>();
        int[] counts = new int[2];
        for (int i = 0; i < layers.size(); i++) {
            int layerIndex = i;
            LayerRef ref = new LayerRef(i, Digest.parse(diffIds.get(i)), null, null);
            forEachEntry(layers.get(i), (entry, in) -> {
                String path = "/" + strip(entry.getName());
                if (!entry.isFile() || path.substring(path.lastIndexOf('/') + 1).startsWith(".wh.")) {
                    return;
                }
                counts[0]++;
                boolean inFinal = inFinalImage(path, layerIndex, deleted, opaque, present);
                boolean[] opened = new boolean[1];
                findings.addAll(scanner.scanFile(new Location(path, ref), entry.getSize(), inFinal, () -> {
                    opened[0] = true;
                    return in;
                }));
                counts[1] += opened[0] ? 1 : 0;
            });
        }
        return new Result(findings, scanner.scanImageConfig(imageConfig(config)), counts[0], counts[1]);
    }

    private static boolean inFinalImage(String path, int layer, List<Set<String>> deleted, List<Set<String>> opaque,
            List<Set<String>> present) {
        for (int later = layer + 1; later < deleted.size(); later++) {
            if (present.get(later).contains(path)) {
                return false;
            }
            for (String prefix = path; !prefix.isEmpty(); prefix = prefix.substring(0, prefix.lastIndexOf('/'))) {
                if (deleted.get(later).contains(prefix)) {
                    return false;
                }
                String dir = prefix.substring(0, prefix.lastIndexOf('/'));
                if (opaque.get(later).contains(dir)) {
                    return false;
                }
            }
        }
        return true;
    }

    static ImageConfig imageConfig(JsonNode config) {
        JsonNode c = config.path("config");
        List<String> env = new ArrayList<>();
        c.path("Env").forEach(e -> env.add(e.asText()));
        List<String> cmd = new ArrayList<>();
        c.path("Cmd").forEach(e -> cmd.add(e.asText()));
        List<String> entrypoint = new ArrayList<>();
        c.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        Map<String, String> labels = new HashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<HistoryEntry> history = new ArrayList<>();
        config.path("history").forEach(h -> history.add(new HistoryEntry(null, h.path("created_by").asText(null),
                h.path("comment").asText(null), h.path("empty_layer").asBoolean(false))));
        return new ImageConfig(c.path("User").asText(""), env, entrypoint, cmd, c.path("WorkingDir").asText(""),
                List.of(), labels, List.of(), "", history);
    }

    private static String strip(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static byte[] blob(Map<String, byte[]> blobs, String digest) {
        return blobs.get("blobs/" + digest.replace(':', '/'));
    }

    private interface EntryVisitor {
        void visit(TarArchiveEntry entry, InputStream in) throws IOException;
    }

    private static void forEachEntry(byte[] tar, EntryVisitor visitor) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                visitor.visit(entry, in);
            }
        }
    }

    private static Map<String, byte[]> outerEntries(Path archive) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        InputStream raw = Files.newInputStream(archive);
        InputStream stream = archive.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        try (TarArchiveInputStream in = new TarArchiveInputStream(stream)) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    entries.put(strip(entry.getName()), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
