package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a slow output (HTTP, syslog) on its own thread behind a bounded queue, so a stalled receiver never stalls the
 * rules. When the queue is full the alert is not queued and {@code onQueueFull} counts it; results of the
 * deliveries go to {@code onDelivered}/{@code onFailed}. The delegate is used and closed on the worker thread only.
 */
final class AsyncOutput implements Output {

    private static final Alert STOP = new Alert(0, "stop", dev.bulwark.runtime.Priority.DEBUG, "",
            java.util.Map.of(), "", java.util.List.of(), "");

    private final Output delegate;
    private final BlockingQueue<Alert> queue;
    private final Thread worker;
    private final Consumer<Output> onDelivered;
    private final BiConsumer<Output, Exception> onFailed;
    private final Consumer<Output> onQueueFull;

    AsyncOutput(Output delegate, int capacity, Consumer<Output> onDelivered, BiConsumer<Output, Exception> onFailed,
                Consumer<Output> onQueueFull) {
        this.delegate = delegate;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onDelivered = onDelivered;
        this.onFailed = onFailed;
        this.onQueueFull = onQueueFull;
        this.worker = Thread.ofPlatform().name("bulwark-output-" + delegate.name()).daemon(true).start(this::run);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Queues the alert; never blocks. */
    @Override
    public void write(Alert alert) {
        if (!queue.offer(alert)) {
            onQueueFull.accept(delegate);
        }
    }

    private void run() {
        try {
            while (true) {
                Alert alert = queue.take();
                if (alert == STOP) {
                    return;
                }
                try {
                    delegate.write(alert);
                    onDelivered.accept(delegate);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    onFailed.accept(delegate, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                delegate.close();
            } catch (Exception e) {
                onFailed.accept(delegate, e);
            }
        }
    }

    /** Delivers what is queued (waiting up to {@code drainSeconds}), then stops. */
    void close(long drainSeconds) throws InterruptedException {
        queue.put(STOP);
        worker.join(TimeUnit.SECONDS.toMillis(drainSeconds));
        if (worker.isAlive()) {
            worker.interrupt();
            worker.join(1000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(10);
    }
}
