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

    /** Per byte value: 2 for NUL, 1 for a control byte that text does not use, 0 otherwise. */
    private static final byte[] KIND = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            KIND[b] = (byte) (b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B ? 1 : 0);
        }
        KIND[0] = 2;
    }

    public static boolean isBinary(byte[] bytes, int length) {
        int n = Math.min(length, SNIFF_BYTES);
        int control = 0;
        // One table load and one rarely taken branch per byte: every text file of an image passes through here.
        for (int i = 0; i < n; i++) {
            int kind = KIND[bytes[i] & 0xFF];
            if (kind == 2) {
                return true;
            }
            control += kind;
        }
        return n > 0 && control * 10 > n;
    }
}
