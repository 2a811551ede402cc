package dev.bulwark.scan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.LayerCache;
import dev.bulwark.image.LayerVisitor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-layer finding producer (secrets, misconfigurations) backed by the {@link LayerCache}: a layer whose
 * findings are cached under (diffID, consumer@version) is not offered to the scanner at all; a fresh result is
 * stored when the layer ends. Results are pure functions of the layer's content, so whether a file survives to the
 * final image is judged afterwards by the pipeline.
 *
 * @param <F> the finding type
 */
public abstract class CachedFindingsVisitor<F extends Finding> implements LayerVisitor {

    private static final Logger LOG = LoggerFactory.getLogger(CachedFindingsVisitor.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LayerCache cache;
    private final String consumer;
    private final String version;
    private final Map<Integer, List<F>> results = new ConcurrentSkipListMap<>();

    protected CachedFindingsVisitor(LayerCache cache, String consumer, String version) {
        this.cache = cache;
        this.consumer = consumer;
        this.version = version;
    }

    @Override
    public final EntryVisitor layer(LayerRef layer) {
        int index = layer == null ? 0 : layer.index();
        LayerCache.Key key = layer == null ? null : new LayerCache.Key(layer.diffId(), consumer, version);
        if (key != null) {
            Optional<List<F>> cached = cache.get(key).flatMap(bytes -> decode(bytes, layer));
            if (cached.isPresent()) {
                results.put(index, cached.get());
                return null;
            }
        }
        List<F> found = new ArrayList<>();
        EntryVisitor entries = entries(layer, found);
        return new EntryVisitor() {
            @Override
            public boolean wantsContent(dev.bulwark.image.FileEntry header) {
                return entries.wantsContent(header);
            }

            @Override
            public void visit(dev.bulwark.image.FileEntry entry) throws IOException {
                entries.visit(entry);
            }

            @Override
            public void end() throws IOException {
                entries.end();
                List<F> result = List.copyOf(found);
                results.put(index, result);
                if (key != null) {
                    cache.put(key, encode(result));
                }
            }
        };
    }

    /** The findings of every layer, by layer index (0 for a root filesystem), after the walk. */
    public final Map<Integer, List<F>> results() {
        return Map.copyOf(results);
    }

    /** The visitor that scans one layer's entries, adding findings to {@code out}; {@code end} may add more. */
    protected abstract EntryVisitor entries(LayerRef layer, List<F> out);

    protected abstract JsonNode toJson(F finding);

    protected abstract F fromJson(JsonNode node, LayerRef layer);

    private byte[] encode(List<F> findings) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        findings.forEach(f -> array.add(toJson(f)));
        try {
            return MAPPER.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode findings", e);
        }
    }

    private Optional<List<F>> decode(byte[] bytes, LayerRef layer) {
        try {
            List<F> out = new ArrayList<>();
            for (JsonNode node : MAPPER.readTree(bytes)) {
                out.add(fromJson(node, layer));
            }
            LOG.debug("{}@{}: layer {} from the layer cache", consumer, version, layer.diffId());
            return Optional.of(List.copyOf(out));
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}@{}: unusable cache entry for {} ({}); rescanning", consumer, version, layer.diffId(),
                    e.toString());
            return Optional.empty();
        }
    }
}
