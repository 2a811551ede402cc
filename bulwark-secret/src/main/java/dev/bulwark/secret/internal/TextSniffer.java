package dev.bulwark.secret.internal;

/**
 * Decides from a file's first bytes whether it is text worth scanning. Like git, a NUL byte in the first 8 KiB means
 * binary; so does a high share of control bytes (compressed or encrypted data). UTF-16 files (NUL bytes) count as
 * binary: secrets in them are rare and matching would need decoding.
 */
public final class TextSniffer {

    public static final int SNIFF_BYTES = 8192;

    private TextSniffer() {
    }

    public static boolean isBinary(byte[] bytes, int length) {
        int n = Math.min(length, SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return n > 0 && control * 10 > n;
    }
}
