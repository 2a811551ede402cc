package dev.bulwark.image;

import dev.bulwark.core.Digest;
import dev.bulwark.image.internal.FileLayerCache;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-layer analysis results kept across runs, so that a rescan of an image sharing layers with one scanned before
 * skips those layers (a consumer's {@link LayerVisitor#layer} returns {@code null} on a hit). Keyed by the layer's
 * diffID (its identity across registries and formats) and the consumer's name and version, so upgrading an analyzer
 * invalidates only its own results. Values are opaque bytes the consumer serialises.
 *
 * <p>The file-backed cache lives in the cache directory, writes atomically (temporary file, then rename), checks
 * each entry's checksum on read (a damaged entry is a miss), evicts the least recently used entries beyond its size
 * bound, and is safe to share between concurrent runs.
 *
 * <pre>{@code
 * LayerCache cache = noCache ? LayerCache.disabled() : LayerCache.open(cacheDir.resolve("layers"), 1L << 30);
 * LayerVisitor dpkg = layer -> {
 *     LayerCache.Key key = new LayerCache.Key(layer.diffId(), "dpkg", "3");
 *     Optional<byte[]> cached = cache.get(key);
 *     if (cached.isPresent()) {
 *         results.put(layer.index(), decode(cached.get()));
 *         return null; // this layer need not be read for dpkg
 *     }
 *     return new DpkgEntries(layer, result -> cache.put(key, encode(result)));
 * };
 * }</pre>
 */
public interface LayerCache {

    /**
     * What a cached result belongs to.
     *
     * @param diffId the layer's diffID
     * @param consumer the consumer's stable name, e.g. {@code dpkg}
     * @param version the consumer's version; bump it whenever its output for the same layer may change
     */
    record Key(Digest diffId, String consumer, String version) {
        public Key {
            Objects.requireNonNull(diffId, "diffId is null");
            Objects.requireNonNull(consumer, "consumer is null");
            Objects.requireNonNull(version, "version is null");
        }
    }

    /** The cached bytes for {@code key}, if present and intact; marks the entry as recently used. */
    Optional<byte[]> get(Key key);

    /** Stores {@code value} for {@code key}, replacing any previous value; may evict least recently used entries. */
    void put(Key key, byte[] value);

    /**
     * A cache in {@code directory} (created when absent) holding at most about {@code maxBytes}; values larger than a
     * quarter of the bound are not stored.
     */
    static LayerCache open(Path directory, long maxBytes) {
        return new FileLayerCache(directory, maxBytes, Clock.systemUTC());
    }

    /** The same with a clock for recency (tests). */
    static LayerCache open(Path directory, long maxBytes, Clock clock) {
        return new FileLayerCache(directory, maxBytes, clock);
    }

    /** A cache that stores nothing and never hits: {@code --no-cache}. */
    static LayerCache disabled() {
        return Disabled.INSTANCE;
    }

    /** The {@code --no-cache} cache. */
    enum Disabled implements LayerCache {
        INSTANCE;

        @Override
        public Optional<byte[]> get(Key key) {
            return Optional.empty();
        }

        @Override
        public void put(Key key, byte[] value) {
        }
    }
}
