package dev.bulwark.scan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelMatchingTest {

    @Test
    void returnsEachLayersResultsInTheOrderTheWorkWasAdded() throws IOException {
        ParallelMatching<Integer> matching = new ParallelMatching<>("test-");
        ParallelMatching<Integer>.Layer layer = matching.layer();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int file = i;
            // Uneven work, so later batches often finish before earlier ones.
            layer.add(() -> {
                long spin = (1000 - file) % 97 * 1000L;
                long x = 0;
                for (long k = 0; k < spin; k++) {
                    x += k;
                }
                return x >= 0 ? List.of(file, -file) : List.of();
            }, 10_000);
            expected.add(file);
            expected.add(-file);
        }
        assertThat(layer.finish()).isEqualTo(expected);
    }

    @Test
    void matchesOnWorkerThreads() throws IOException {
        ParallelMatching<String> matching = new ParallelMatching<>("test-worker-");
        ParallelMatching<String>.Layer layer = matching.layer();
        java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200).forEach(i -> {
            try {
                layer.add(() -> {
                    threads.add(Thread.currentThread().getName());
                    return List.of();
                }, 300_000);
            } catch (java.io.InterruptedIOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(layer.finish()).isEmpty();
        assertThat(threads).allMatch(name -> name.startsWith("test-worker-"));
    }

    @Test
    void aFailingMatchFailsTheLayerWithItsOwnException() throws IOException {
        ParallelMatching<String> matching = new ParallelMatching<>("test-");
        ParallelMatching<String>.Layer layer = matching.layer();
        layer.add(() -> List.of("fine"), 10);
        layer.add(() -> {
            throw new IllegalStateException("rule blew up");
        }, 10);
        assertThatThrownBy(layer::finish).isInstanceOf(IllegalStateException.class).hasMessage("rule blew up");
    }

    @Test
    void aLayerWithoutWorkHasNoResults() throws IOException {
        assertThat(new ParallelMatching<String>("test-").layer().finish()).isEmpty();
    }
}
