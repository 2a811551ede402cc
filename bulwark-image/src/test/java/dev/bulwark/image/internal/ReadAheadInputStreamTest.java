package dev.bulwark.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void deliversEveryByteInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = randomBytes(1_000_003);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 3, 4096, "t")) {
            byte[] out = new byte[data.length];
            int filled = 0;
            int step = 1;
            while (filled < out.length) {
                int n = in.read(out, filled, Math.min(step, out.length - filled));
                assertThat(n).isPositive();
                filled += n;
                step = step * 3 % 10_007 + 1;
            }
            assertThat(in.read()).isEqualTo(-1);
            assertThat(out).isEqualTo(data);
        }
    }

    @Test
    void transfersTheRestToAStream() throws IOException {
        byte[] data = randomBytes(300_001);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 2, 4096, "t")) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(in.transferTo(out)).isEqualTo(data.length - 1);
            assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 1, data.length));
        }
    }

    @Test
    void skipsAndReadsSingleBytes() throws IOException {
        byte[] data = randomBytes(10_000);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 2, 1000, "t")) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            assertThat(in.skip(5_000)).isEqualTo(5_000);
            assertThat(in.read()).isEqualTo(data[5_001] & 0xff);
            assertThat(in.skip(1_000_000)).isEqualTo(data.length - 5_002);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void rethrowsTheSourcesExceptionAsIsAfterTheBytesBeforeIt() throws IOException {
        byte[] data = randomBytes(5000);
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == data.length) {
                    throw new ZipException("invalid stored block lengths");
                }
                return data[position++] & 0xff;
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, 2, 1024, "t")) {
            assertThat(in.readNBytes(4096)).isEqualTo(java.util.Arrays.copyOf(data, 4096));
            assertThatThrownBy(() -> in.readNBytes(10_000)).isInstanceOf(ZipException.class)
                    .hasMessage("invalid stored block lengths");
        }
    }

    @Test
    void drainReadsTheSourceToItsEndAndWaitsForTheProducer() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        InputStream source = new ByteArrayInputStream(randomBytes(100_000)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(source, 2, 1000, "t");
        in.read(new byte[10]);
        in.drain();
        assertThat(source.available()).isZero();
        int after = reads.get();
        in.close();
        assertThat(reads.get()).isEqualTo(after);
    }

    @Test
    void closeStopsTheProducerWithoutReadingTheRest() throws Exception {
        AtomicInteger bytesRead = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                bytesRead.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                bytesRead.addAndGet(len);
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, 4, 1024, "t");
        assertThat(in.read()).isEqualTo('x');
        in.close();
        int atClose = bytesRead.get();
        Thread.sleep(50);
        assertThat(bytesRead.get()).isEqualTo(atClose).isLessThanOrEqualTo(6 * 1024);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
    }
}
