package dev.bulwark.sbom.analyzer.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads the values of a BerkeleyDB hash database, the format of {@code /var/lib/rpm/Packages} up to RHEL 8: page 0
 * is the hash metadata page (magic {@code 0x061561}, page size, last page number, in the byte order of the machine
 * that wrote it); hash pages hold key/value item pairs whose values, rpm headers being large, are usually stored
 * off-page in chains of overflow pages.
 */
final class BerkeleyDbHashReader implements RpmDatabase {

    private static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER = 26;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_OFFPAGE = 3;
    private static final int MAX_VALUE = 256 << 20;

    @Override
    public void read(Path file, Consumer<byte[]> blobs, Consumer<String> problems) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer meta = ByteBuffer.allocate(512);
            if (readFully(channel, meta, 0) < 72) {
                problems.accept("not a BerkeleyDB file (only " + size + " bytes)");
                return;
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (meta.order(order).getInt(12) != HASH_MAGIC) {
                order = ByteOrder.BIG_ENDIAN;
                if (meta.order(order).getInt(12) != HASH_MAGIC) {
                    problems.accept("not a BerkeleyDB hash database (bad magic)");
                    return;
                }
            }
            meta.order(order);
            int pageSize = meta.getInt(20);
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                problems.accept("implausible page size " + pageSize);
                return;
            }
            long lastPage = Integer.toUnsignedLong(meta.getInt(32));
            long pagesInFile = size / pageSize;
            if (lastPage >= pagesInFile) {
                problems.accept("truncated: the metadata names " + (lastPage + 1) + " pages, the file holds "
                        + pagesInFile + (size % pageSize != 0 ? " and a partial page" : ""));
                lastPage = pagesInFile - 1;
            }
            ByteBuffer page = ByteBuffer.allocate(pageSize).order(order);
            for (long pgno = 1; pgno <= lastPage; pgno++) {
                page.clear();
                if (readFully(channel, page, pgno * pageSize) < pageSize) {
                    problems.accept("page " + pgno + " is incomplete");
                    break;
                }
                int type = page.get(25) & 0xff;
                if (type != P_HASH && type != P_HASH_UNSORTED) {
                    continue;
                }
                readHashPage(channel, page, pgno, pageSize, pagesInFile, order, blobs, problems);
            }
        }
    }

    private void readHashPage(FileChannel channel, ByteBuffer page, long pgno, int pageSize, long pagesInFile,
                              ByteOrder order, Consumer<byte[]> blobs, Consumer<String> problems) throws IOException {
        int entries = page.getShort(20) & 0xffff;
        if (PAGE_HEADER + 2L * entries > pageSize) {
            problems.accept("page " + pgno + ": " + entries + " entries do not fit the page; skipped");
            return;
        }
        for (int i = 0; i + 1 < entries; i += 2) {
            int keyOffset = page.getShort(PAGE_HEADER + 2 * i) & 0xffff;
            int valueOffset = page.getShort(PAGE_HEADER + 2 * (i + 1)) & 0xffff;
            if (valueOffset >= pageSize || keyOffset >= pageSize) {
                problems.accept("page " + pgno + ": item " + (i + 1) + " lies outside the page; skipped");
                continue;
            }
            int valueType = page.get(valueOffset) & 0xff;
            if (valueType == H_OFFPAGE) {
                if (valueOffset + 12 > pageSize) {
                    problems.accept("page " + pgno + ": item " + (i + 1) + " runs past the page; skipped");
                    continue;
                }
                long first = Integer.toUnsignedLong(page.getInt(valueOffset + 4));
                long length = Integer.toUnsignedLong(page.getInt(valueOffset + 8));
                byte[] value = readOverflow(channel, first, length, pageSize, pagesInFile, order, problems, pgno);
                if (value != null) {
                    blobs.accept(value);
                }
            } else if (valueType == H_KEYDATA) {
                int length = keyOffset - valueOffset - 1;
                if (length >= 16) { // shorter inline values are rpm's bookkeeping records, not headers
                    byte[] value = new byte[length];
                    page.get(valueOffset + 1, value);
                    blobs.accept(value);
                }
            }
        }
    }

    private static byte[] readOverflow(FileChannel channel, long first, long length, int pageSize, long pagesInFile,
                                       ByteOrder order, Consumer<String> problems, long fromPage) throws IOException {
        if (length > MAX_VALUE) {
            problems.accept("page " + fromPage + ": value of " + length + " bytes is implausible; skipped");
            return null;
        }
        byte[] value = new byte[(int) length];
        int filled = 0;
        long pgno = first;
        ByteBuffer page = ByteBuffer.allocate(pageSize).order(order);
        int hops = 0;
        while (filled < length) {
            if (pgno == 0 || pgno >= pagesInFile || ++hops > pagesInFile) {
                problems.accept("page " + fromPage + ": overflow chain breaks at page " + pgno + " after " + filled
                        + " of " + length + " bytes (truncated file?); value skipped");
                return null;
            }
            page.clear();
            if (readFully(channel, page, pgno * pageSize) < pageSize || (page.get(25) & 0xff) != P_OVERFLOW) {
                problems.accept("page " + fromPage + ": overflow page " + pgno + " is missing or of another type; "
                        + "value skipped");
                return null;
            }
            int onPage = page.getShort(22) & 0xffff;
            int take = Math.min(onPage, (int) length - filled);
            if (take <= 0 || PAGE_HEADER + take > pageSize) {
                problems.accept("page " + fromPage + ": overflow page " + pgno + " is corrupt; value skipped");
                return null;
            }
            page.get(PAGE_HEADER, value, filled, take);
            filled += take;
            pgno = Integer.toUnsignedLong(page.getInt(16));
        }
        return value;
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
