package dev.bulwark.secret.internal;

/** Shannon entropy in bits per character, the randomness measure gitleaks' {@code entropy} threshold uses. */
public final class Entropy {

    private Entropy() {
    }

    public static double shannon(CharSequence text) {
        int length = text.length();
        if (length == 0) {
            return 0;
        }
        int[] counts = new int[128];
        java.util.Map<Character, Integer> other = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double entropy = 0;
        for (int count : counts) {
            entropy += term(count, length);
        }
        if (other != null) {
            for (int count : other.values()) {
                entropy += term(count, length);
            }
        }
        return entropy;
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * (Math.log(p) / Math.log(2));
    }
}
