package dev.bulwark.image.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads {@code length} bytes of a file from {@code offset} with positional reads, so that several readers of one
 * channel never share a position (the layers of one archive are read in parallel). A subclass may hold readers back
 * until the bytes exist ({@link #readableEnd}), for a file still being written.
 */
class ChannelRangeInputStream extends InputStream {

    private final FileChannel channel;
    private final String describe;
    private long position;
    private final long end;

    /** @param describe names the file in the error when it ends early */
    ChannelRangeInputStream(FileChannel channel, String describe, long offset, long length) {
        this.channel = channel;
        this.describe = describe;
        this.position = offset;
        this.end = offset + length;
    }

    /** How far the file can be read now that a byte at {@code position} is wanted; may wait for it. */
    protected long readableEnd(long position) throws IOException {
        return end;
    }

    /** How far the file can be read without waiting. */
    protected long readableNow() {
        return end;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, Math.min(end, readableEnd(position)) - position);
        int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (n < 0) {
            throw new EOFException(describe + ": the archive ends inside an entry");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.min(end, readableNow()) - position));
    }
}
