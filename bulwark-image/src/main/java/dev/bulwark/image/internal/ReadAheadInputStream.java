package dev.bulwark.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader, so that producing the bytes
 * (file reads, hashing, inflating) and consuming them (tar parsing, analyzers, secret rules) run on two cores at
 * once instead of taking turns: a layer then costs about the slower of the two instead of their sum.
 *
 * <p>Memory is bounded by {@code chunks × chunkSize}; buffers are recycled. An exception thrown by the source is
 * rethrown, as is, by the reader's next {@code read}. {@link #close()} stops the producer and waits for it, but does
 * not close the source: the caller owns it and may only use or close it after this stream has been closed or
 * {@linkplain #drain() drained}.
 */
public final class ReadAheadInputStream extends InputStream {

    private sealed interface Item permits Chunk, End, Failure {
    }

    private record Chunk(byte[] data, int length) implements Item {
    }

    private record End() implements Item {
    }

    private record Failure(Throwable error) implements Item {
    }

    private final InputStream source;
    private final BlockingQueue<Item> filled;
    private final BlockingQueue<byte[]> free;
    private final Thread producer;
    private volatile boolean stopped;
    private Chunk current;
    private int position;
    private boolean ended;

    /**
     * @param chunks how many chunks may wait for the reader
     * @param chunkSize bytes per chunk
     * @param threadName the producer thread's name
     */
    public ReadAheadInputStream(InputStream source, int chunks, int chunkSize, String threadName) {
        this.source = source;
        this.filled = new ArrayBlockingQueue<>(chunks + 1);
        this.free = new ArrayBlockingQueue<>(chunks);
        for (int i = 0; i < chunks; i++) {
            free.add(new byte[chunkSize]);
        }
        this.producer = Thread.ofPlatform().name(threadName).daemon().unstarted(this::produce);
        producer.start();
    }

    private void produce() {
        try {
            while (true) {
                byte[] buffer = free.take(); // close() hands over an empty buffer to wake this up
                if (stopped) {
                    return;
                }
                int n = source.readNBytes(buffer, 0, buffer.length);
                if (n > 0) {
                    filled.put(new Chunk(buffer, n));
                }
                if (n < buffer.length) {
                    filled.put(new End());
                    return;
                }
            }
        } catch (InterruptedException e) {
            filled.offer(new Failure(new InterruptedIOException("read-ahead interrupted")));
        } catch (Throwable e) {
            if (!stopped) {
                filled.offer(new Failure(e)); // room is always left for one final item
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.data(), position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && advance()) {
            int step = (int) Math.min(n - skipped, current.length() - position);
            position += step;
            skipped += step;
        }
        return skipped;
    }

    /** Writes the chunks as they come, without copying them through a small buffer. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long total = 0;
        while (advance()) {
            int n = current.length() - position;
            out.write(current.data(), position, n);
            position += n;
            total += n;
        }
        return total;
    }

    /** Makes {@link #current} hold unread bytes; false at the end of the source. */
    private boolean advance() throws IOException {
        if (stopped) {
            throw new IOException("stream closed");
        }
        while (current == null || position == current.length()) {
            if (ended) {
                return false;
            }
            if (current != null) {
                free.add(current.data());
                current = null;
            }
            Item item;
            try {
                item = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for data");
            }
            switch (item) {
                case Chunk chunk -> {
                    current = chunk;
                    position = 0;
                }
                case End end -> ended = true;
                case Failure(Throwable error) -> {
                    ended = true;
                    throw rethrow(error);
                }
            }
        }
        return true;
    }

    private static IOException rethrow(Throwable error) {
        return switch (error) {
            case IOException io -> io;
            case UncheckedIOException unchecked -> unchecked.getCause();
            case RuntimeException runtime -> throw runtime;
            case Error fatal -> throw fatal;
            default -> new IOException(error);
        };
    }

    /** Reads to the end, then waits for the producer to finish: afterwards the source has been read completely. */
    public void drain() throws IOException {
        while (advance()) {
            position = current.length();
        }
        joinProducer();
    }

    /**
     * Stops the producer and waits until it no longer touches the source (at most one chunk read later). The
     * producer is not interrupted: interrupting a thread inside a read of a file channel closes the channel, which
     * may be shared with the readers of other layers.
     */
    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            free.offer(new byte[0]);
            joinProducer();
        }
    }

    private void joinProducer() {
        boolean interrupted = false;
        while (producer.isAlive()) {
            try {
                producer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
