package dev.bulwark.secret.internal;

import java.nio.charset.StandardCharsets;

/**
 * Masks secrets for display. At most a fifth of a secret, and never more than four characters at each end, stays
 * visible ({@code AKIAIOSFODNN7EXAMPLE} becomes {@code AKIA************MPLE}), enough to tell two findings apart and
 * to recognise a token type; secrets under ten characters are masked completely. Masks are capped in length and
 * output is kept to one line, so multi-line secrets (private keys) cannot spill.
 */
public final class Redactor {

    private static final int MAX_MASK = 32;
    private static final int MAX_CONTEXT = 80;
    private static final int MAX_LINE = 240;

    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n\\t]+");

    private Redactor() {
    }

    /** How many characters stay visible at each end of a secret of this length. */
    public static int visible(int length) {
        return length < 10 ? 0 : Math.min(4, length / 5);
    }

    /** The secret with its middle masked. */
    public static String mask(String secret) {
        int keep = visible(secret.length());
        int hidden = secret.length() - 2 * keep;
        return oneLine(secret.substring(0, keep)) + "*".repeat(Math.max(4, Math.min(MAX_MASK, hidden)))
                + oneLine(secret.substring(secret.length() - keep));
    }

    /**
     * The match with the secret masked: {@code prefix + mask + suffix}, context shortened to at most
     * {@value #MAX_CONTEXT} characters on each side and line breaks shown as spaces.
     */
    public static String redactMatch(String match, int secretStart, int secretEnd) {
        String prefix = match.substring(0, secretStart);
        String suffix = match.substring(secretEnd);
        if (prefix.length() > MAX_CONTEXT) {
            prefix = "…" + prefix.substring(prefix.length() - MAX_CONTEXT);
        }
        if (suffix.length() > MAX_CONTEXT) {
            suffix = suffix.substring(0, MAX_CONTEXT) + "…";
        }
        return oneLine(prefix) + mask(match.substring(secretStart, secretEnd)) + oneLine(suffix);
    }

    /**
     * A line with the given ranges (relative to the line, sorted or not, possibly extending past it) masked, every
     * other occurrence of the given secrets masked too, shortened around {@code focus} to {@value #MAX_LINE}
     * characters, and decoded from the file's bytes as UTF-8.
     *
     * @param latin1Line the line as ISO-8859-1 characters (one per byte)
     * @param ranges {@code [start, end)} pairs relative to the line
     * @param secrets the secrets on the line, masked wherever else they occur in it
     * @param focus offset in the line the shortened line is centred on
     */
    public static String redactLine(String latin1Line, int[][] ranges, Iterable<String> secrets, int focus) {
        StringBuilder line = new StringBuilder(latin1Line);
        boolean[] masked = new boolean[line.length()];
        for (int[] range : ranges) {
            for (int i = Math.max(0, range[0]); i < Math.min(line.length(), range[1]); i++) {
                masked[i] = true;
            }
        }
        for (String secret : secrets) {
            if (secret.isEmpty()) {
                continue;
            }
            for (int at = latin1Line.indexOf(secret); at >= 0; at = latin1Line.indexOf(secret, at + 1)) {
                for (int i = at; i < at + secret.length(); i++) {
                    masked[i] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            if (!masked[i]) {
                out.append(line.charAt(i++));
                continue;
            }
            int start = i;
            while (i < line.length() && masked[i]) {
                i++;
            }
            out.append(mask(latin1Line.substring(start, i)));
        }
        String text = out.toString();
        int center = Math.min(text.length(), Math.max(0, focus));
        String head = "";
        String tail = "";
        if (text.length() > MAX_LINE) {
            int from = Math.max(0, Math.min(center - MAX_LINE / 2, text.length() - MAX_LINE));
            head = from > 0 ? "…" : "";
            tail = from + MAX_LINE < text.length() ? "…" : "";
            text = text.substring(from, from + MAX_LINE);
        }
        String decoded = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return head + oneLine(decoded.strip()) + tail;
    }

    private static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }
}
