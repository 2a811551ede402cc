package dev.bulwark.image.internal;

import dev.bulwark.core.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes and counts every byte read through it, so a digest can be verified while the data streams. */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final String algorithm;
    private long count;

    public DigestingInputStream(InputStream in, String algorithm) {
        super(in);
        this.algorithm = algorithm;
        if (algorithm == null) {
            this.digest = null;
            return;
        }
        try {
            this.digest = MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new NoSuchAlgorithmException(algorithm);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm, e);
        }
    }

    /** Whether a digest of this algorithm can be computed (and so verified). */
    public static boolean supports(String algorithm) {
        return algorithm.equals("sha256") || algorithm.equals("sha512");
    }

    /** Only counts: for bytes that another stream already hashes. {@link #result()} must not be called. */
    public static DigestingInputStream countingOnly(InputStream in) {
        return new DigestingInputStream(in, null);
    }

    /** Digests with the algorithm of {@code expected}; {@code sha256} when expected is null. */
    public static DigestingInputStream forDigest(InputStream in, Digest expected) {
        return new DigestingInputStream(in, expected == null ? "sha256" : expected.algorithm());
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            if (digest != null) {
                digest.update((byte) b);
            }
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            if (digest != null) {
                digest.update(buffer, offset, n);
            }
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return ReadingSkip.skip(this, n, 8192);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest of the stream so that the digest covers everything. */
    public void drain() throws IOException {
        byte[] scratch = new byte[64 * 1024];
        while (read(scratch, 0, scratch.length) >= 0) {
            // hashing happens in read
        }
    }

    /** The digest of the bytes read so far; call once, at the end. */
    public Digest result() {
        if (digest == null) {
            throw new IllegalStateException("a counting-only stream has no digest");
        }
        return new Digest(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    public long count() {
        return count;
    }
}
