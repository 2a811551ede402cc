package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {

    @TempDir
    Path dir;

    private static Digest diffId(int n) {
        return Digest.parse("sha256:" + String.format("%064x", n));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock the test moves forward, so recency is deterministic. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance() {
            now = now.plusSeconds(60);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private long cacheBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("layers/entries"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void storesPerLayerResultsByDiffIdAndConsumerVersionAcrossRuns() {
        LayerCache cache = LayerCache.open(dir.resolve("layers"), 1 << 20);
        LayerCache.Key dpkg1 = new LayerCache.Key(diffId(1), "dpkg", "1");
        cache.put(dpkg1, bytes("libc6 2.36"));

        LayerCache nextRun = LayerCache.open(dir.resolve("layers"), 1 << 20);
        assertThat(nextRun.get(dpkg1)).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8))
                .isEqualTo("libc6 2.36"));
        assertThat(nextRun.get(new LayerCache.Key(diffId(1), "dpkg", "2"))).as("analyzer upgraded").isEmpty();
        assertThat(nextRun.get(new LayerCache.Key(diffId(1), "apk", "1"))).as("another analyzer").isEmpty();
        assertThat(nextRun.get(new LayerCache.Key(diffId(2), "dpkg", "1"))).as("another layer").isEmpty();

        nextRun.put(dpkg1, bytes("libc6 2.37"));
        assertThat(cache.get(dpkg1)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("libc6 2.37")));
        assertThat(dir.resolve("layers/tmp")).isEmptyDirectory();
    }

    @Test
    void aDamagedEntryIsAMissAndIsRemoved() throws IOException {
        LayerCache cache = LayerCache.open(dir.resolve("layers"), 1 << 20);
        LayerCache.Key key = new LayerCache.Key(diffId(1), "npm", "1");
        cache.put(key, bytes("x".repeat(1000)));
        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("layers/entries"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 1;
        Files.write(file, data);
        assertThat(cache.get(key)).isEmpty();
        assertThat(file).doesNotExist();

        cache.put(key, bytes("ok"));
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
        assertThat(cache.get(key)).as("truncated").isEmpty();
    }

    @Test
    void consumerNamesCannotShapePaths() throws IOException {
        LayerCache cache = LayerCache.open(dir.resolve("layers"), 1 << 20);
        cache.put(new LayerCache.Key(diffId(1), "../../../evil", "/etc/passwd"), bytes("v"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .allMatch(p -> p.equals("layers/.lock") || p.matches("layers/entries/[0-9a-f]{2}/[0-9a-f]{64}\\.bin"));
        }
        assertThat(cache.get(new LayerCache.Key(diffId(1), "../../../evil", "/etc/passwd"))).isPresent();
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesBeyondTheBound() throws IOException {
        SteppingClock clock = new SteppingClock();
        LayerCache cache = LayerCache.open(dir.resolve("layers"), 10_000, clock);
        List<LayerCache.Key> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(new LayerCache.Key(diffId(i), "secret", "1"));
            cache.put(keys.get(i), new byte[2000]);
            clock.advance();
        }
        assertThat(cache.get(keys.get(0))).as("read: now the most recently used").isPresent();
        clock.advance();
        cache.put(new LayerCache.Key(diffId(9), "secret", "1"), new byte[2000]); // ~10.4 kB > 10 kB
        assertThat(cache.get(keys.get(0))).isPresent();
        assertThat(cache.get(keys.get(1))).as("least recently used").isEmpty();
        assertThat(cache.get(new LayerCache.Key(diffId(9), "secret", "1"))).isPresent();
        assertThat(cacheBytes()).isLessThanOrEqualTo(10_000);

        cache.put(new LayerCache.Key(diffId(10), "secret", "1"), new byte[3000]);
        assertThat(cache.get(new LayerCache.Key(diffId(10), "secret", "1"))).as("over a quarter of the bound")
                .isEmpty();
    }

    @Test
    void concurrentRunsSharingTheCacheNeverSeeTornEntries() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    LayerCache cache = LayerCache.open(dir.resolve("layers"), 200_000); // one per "run"
                    int hits = 0;
                    for (int i = 0; i < 300; i++) {
                        int layer = i % 40;
                        LayerCache.Key key = new LayerCache.Key(diffId(layer), "rpm", "1");
                        Optional<byte[]> value = cache.get(key);
                        if (value.isPresent()) {
                            assertThat(value.get()).isEqualTo(valueFor(layer));
                            hits++;
                        } else {
                            cache.put(key, valueFor(layer));
                        }
                    }
                    return hits;
                }));
            }
            int hits = 0;
            for (Future<Integer> result : results) {
                hits += result.get();
            }
            assertThat(hits).isPositive();
        } finally {
            pool.shutdownNow();
        }
        LayerCache.open(dir.resolve("layers"), 200_000).put(new LayerCache.Key(diffId(99), "rpm", "1"), new byte[1]);
        assertThat(cacheBytes()).isLessThanOrEqualTo(200_000);
    }

    private static byte[] valueFor(int layer) {
        return bytes(("layer " + layer + " ").repeat(200 + layer * 40));
    }

    @Test
    void theDisabledCacheStoresNothing() {
        LayerCache cache = LayerCache.disabled();
        LayerCache.Key key = new LayerCache.Key(diffId(1), "dpkg", "1");
        cache.put(key, bytes("v"));
        assertThat(cache.get(key)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }
}
