package dev.bulwark.scan.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the CPU-bound half of per-file work (matching bytes already read) on worker threads while the layer's
 * reader goes on with the next tar entries: a layer of many text files is otherwise bound by the one thread that
 * both reads and matches. Files are grouped into batches (thread hand-offs cost more than matching a small file);
 * each layer's results come back in entry order, so reports do not depend on timing. The bytes waiting or being
 * matched are bounded by a budget: the reader blocks when it is spent.
 *
 * @param <R> the result type
 */
final class ParallelMatching<R> {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final int BATCH_FILES = 64;
    private static final int BUDGET_KIB = 4 * 1024;

    private final ExecutorService workers;
    private final Semaphore budgetKib = new Semaphore(BUDGET_KIB);

    ParallelMatching(String threadName) {
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name(threadName, 1).factory());
        pool.allowCoreThreadTimeOut(true); // idle workers end by themselves: nothing to shut down
        this.workers = pool;
    }

    /** Collects one layer's work; used by the thread that reads that layer. */
    Layer layer() {
        return new Layer();
    }

    final class Layer {
        private final List<Future<List<R>>> submitted = new ArrayList<>();
        private List<Supplier<List<R>>> batch = new ArrayList<>();
        private long batchBytes;

        /** Queues work over {@code bytes} bytes held in memory; may block until earlier work frees the budget. */
        void add(Supplier<List<R>> work, long bytes) throws InterruptedIOException {
            batch.add(work);
            batchBytes += bytes;
            if (batchBytes >= BATCH_BYTES || batch.size() >= BATCH_FILES) {
                submit();
            }
        }

        private void submit() throws InterruptedIOException {
            if (batch.isEmpty()) {
                return;
            }
            List<Supplier<List<R>>> work = batch;
            int permits = (int) Math.min(BUDGET_KIB, Math.max(1, batchBytes / 1024));
            batch = new ArrayList<>();
            batchBytes = 0;
            try {
                budgetKib.acquire(permits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for matching to catch up");
            }
            submitted.add(workers.submit(() -> {
                try {
                    List<R> out = new ArrayList<>();
                    for (Supplier<List<R>> one : work) {
                        out.addAll(one.get());
                    }
                    return out;
                } finally {
                    budgetKib.release(permits);
                }
            }));
        }

        /** Waits for the layer's work and returns its results in the order it was added. */
        List<R> finish() throws IOException {
            submit();
            List<R> all = new ArrayList<>();
            for (Future<List<R>> batchResult : submitted) {
                try {
                    all.addAll(batchResult.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for matching");
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException runtime -> throw runtime;
                        case Error error -> throw error;
                        default -> throw new IOException(e.getCause());
                    }
                }
            }
            return all;
        }
    }
}
