package dev.bulwark.sbom.analyzer.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads rpm's own "ndb" package database ({@code Packages.db}, SUSE since 15.3): a 32-byte header
 * ({@code "RpmP"}, version, generation, number of slot pages), slot pages of 16-byte slots ({@code "Slot"}, package
 * index, block offset, block count; the first two slots hold the header), and blobs at {@code blockOffset * 16}
 * ({@code "BlbS"}, package index, timestamp, length, then the header blob). Little-endian, as rpm 4.16+ writes it.
 */
final class NdbReader implements RpmDatabase {

    static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    static final int PAGE_SIZE = 4096;
    static final int SLOT_SIZE = 16;
    static final int BLOCK_SIZE = 16;
    private static final int MAX_BLOB = 256 << 20;

    @Override
    public void read(Path file, Consumer<byte[]> blobs, Consumer<String> problems) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = read(channel, 0, 32);
            if (header == null || header.getInt(0) != HEADER_MAGIC) {
                problems.accept("not an rpm ndb database (bad magic)");
                return;
            }
            long slotPages = Integer.toUnsignedLong(header.getInt(12));
            if (slotPages == 0 || slotPages * PAGE_SIZE > size) {
                problems.accept("slot area of " + slotPages + " pages does not fit the file (truncated?)");
                return;
            }
            ByteBuffer slots = read(channel, 0, (int) (slotPages * PAGE_SIZE));
            for (int offset = 2 * SLOT_SIZE; offset < slots.capacity(); offset += SLOT_SIZE) {
                if (slots.getInt(offset) != SLOT_MAGIC) {
                    problems.accept("slot at byte " + offset + " has a bad magic; slot skipped");
                    continue;
                }
                int packageIndex = slots.getInt(offset + 4);
                long blockOffset = Integer.toUnsignedLong(slots.getInt(offset + 8));
                long blockCount = Integer.toUnsignedLong(slots.getInt(offset + 12));
                if (packageIndex == 0 || blockOffset == 0) {
                    continue; // free slot
                }
                long start = blockOffset * BLOCK_SIZE;
                if (start + blockCount * BLOCK_SIZE > size || start + 16 > size) {
                    problems.accept("package " + packageIndex + ": blob at byte " + start + " lies beyond the end of "
                            + "the file (truncated?); skipped");
                    continue;
                }
                ByteBuffer blobHeader = read(channel, start, 16);
                int length = blobHeader.getInt(12);
                if (blobHeader.getInt(0) != BLOB_MAGIC || blobHeader.getInt(4) != packageIndex || length < 0
                        || length > MAX_BLOB || start + 16 + length > size) {
                    problems.accept("package " + packageIndex + ": blob header at byte " + start + " is corrupt; "
                            + "skipped");
                    continue;
                }
                ByteBuffer blob = read(channel, start + 16, length);
                byte[] bytes = new byte[length];
                blob.get(0, bytes);
                blobs.accept(bytes);
            }
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                return total == length ? buffer : null;
            }
            total += n;
        }
        return buffer;
    }
}
