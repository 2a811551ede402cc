package dev.bulwark.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Progress;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.ImageLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes layer reading (decompression detection, gzip/zstd, tar headers, PAX and GNU long names, whiteouts, links,
 * path safety, limits): a layer blob either streams entries whose paths are normalised and whose content reads to
 * its declared size, or fails with an {@link InputException}. The diffID is the digest of the input, so uncompressed
 * layers pass verification and the fuzzer reaches the end of the stream.
 */
class LayerReaderFuzzTest {

    /** Small limits, so bombs end in milliseconds instead of gigabytes. */
    private static final ImageLimits LIMITS = new ImageLimits(8L << 20, 16L << 20, 100, 1L << 20, 10_000, 4096, 256,
            1L << 20);

    @FuzzTest(maxDuration = "5m")
    void readsLayer(byte[] data) throws IOException {
        Digest digest = sha256(data);
        LayerRef layer = new LayerRef(0, digest, digest, null);
        LayerReader reader = new LayerReader("fuzz", LIMITS, Progress.NONE, new AtomicLong());
        try {
            reader.read(new ByteArrayInputStream(data), data.length, layer, digest, new ReadingEverything());
        } catch (InputException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    static Digest sha256(byte[] data) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Asks for and reads every file, checking the invariants visitors rely on. */
    static final class ReadingEverything implements EntryVisitor {
        @Override
        public boolean wantsContent(FileEntry header) {
            return true;
        }

        @Override
        public void visit(FileEntry entry) throws IOException {
            assertThat(entry.path()).startsWith("/").doesNotContain("/../").doesNotContain("\0");
            assertThat(entry.size()).isNotNegative();
            if (entry.kind() == dev.bulwark.image.EntryKind.FILE) {
                try (InputStream in = entry.open()) {
                    assertThat(in.readAllBytes()).hasSizeLessThanOrEqualTo((int) Math.min(entry.size(),
                            Integer.MAX_VALUE));
                }
            }
        }
    }
}
