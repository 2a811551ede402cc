package dev.bulwark.vuln.version;

/**
 * Alpine and Wolfi apk versions ({@code 1.2.3[a][_suffixN]...[-rN]}), ordered like apk-tools' {@code version.c}:
 * numeric components, one optional letter, suffixes ({@code _alpha} < {@code _beta} < {@code _pre} < {@code _rc}
 * < release < {@code _cvs} < {@code _svn} < {@code _git} < {@code _hg} < {@code _p}), then the {@code -rN} revision.
 *
 * <p>Written here: versatile 0.7.0 maps the {@code alpine} scheme to a generic comparison that gets suffixes wrong.
 */
public final class ApkVersionScheme extends ParsingVersionScheme<String> {

    private static final int INVALID = -1;
    private static final int DIGIT_OR_ZERO = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int REVISION_NO = 5;
    private static final int END = 6;

    private static final String[] PRE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

    @Override
    public String name() {
        return "apk";
    }

    @Override
    int compareParsed(String a, String b) {
        return compareValid(a, b);
    }

    /** Validates {@code v}; the parsed form is the string itself. */
    @Override
    String parse(String v) {
        if (v == null || v.isEmpty() || !Character.isDigit(v.charAt(0))) {
            throw new InvalidVersionException(name(), v);
        }
        Cursor c = new Cursor(v);
        int type = DIGIT;
        while (type != END) {
            c.token(type);
            type = c.type;
            if (type == INVALID) {
                throw new InvalidVersionException(name(), v);
            }
        }
        return v;
    }

    private static int compareValid(String a, String b) {
        Cursor x = new Cursor(a);
        Cursor y = new Cursor(b);
        int at = DIGIT;
        int bt = DIGIT;
        long av = 0;
        long bv = 0;
        while (at == bt && at != END && at != INVALID && av == bv) {
            av = x.token(at);
            at = x.type;
            bv = y.token(bt);
            bt = y.type;
        }
        if (av != bv) {
            return av < bv ? -1 : 1;
        }
        if (at == bt) {
            return 0;
        }
        if (at == SUFFIX && x.copy().token(at) < 0) {
            return -1;
        }
        if (bt == SUFFIX && y.copy().token(bt) < 0) {
            return 1;
        }
        if (at > bt) {
            return -1;
        }
        return bt > at ? 1 : 0;
    }

    /** A read position in a version string plus the type of the token that starts there. */
    private static final class Cursor {
        private final String s;
        private int pos;
        private int type;

        Cursor(String s) {
            this.s = s;
        }

        Cursor copy() {
            Cursor c = new Cursor(s);
            c.pos = pos;
            c.type = type;
            return c;
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        /** Reads the token of type {@code t} at the position, sets {@link #type} to the next token's type. */
        long token(int t) {
            if (atEnd()) {
                type = END;
                return 0;
            }
            long v = 0;
            int nextType = INVALID;
            switch (t) {
                case DIGIT_OR_ZERO, DIGIT, SUFFIX_NO, REVISION_NO -> {
                    if (t == DIGIT_OR_ZERO && s.charAt(pos) == '0' && leadingZeroBeforeDigit()) {
                        int zeros = 0;
                        while (!atEnd() && s.charAt(pos) == '0') {
                            pos++;
                            zeros++;
                        }
                        nextType = DIGIT;
                        v = -zeros;
                    } else {
                        int digits = 0;
                        while (!atEnd() && Character.isDigit(s.charAt(pos))) {
                            if (++digits > 18) {
                                type = INVALID;
                                return -1;
                            }
                            v = v * 10 + (s.charAt(pos++) - '0');
                        }
                        if (digits == 0) {
                            type = INVALID;
                            return -1;
                        }
                    }
                }
                case LETTER -> v = s.charAt(pos++);
                case SUFFIX -> {
                    int idx = match(PRE_SUFFIXES);
                    if (idx >= 0) {
                        v = idx - PRE_SUFFIXES.length;
                    } else {
                        idx = match(POST_SUFFIXES);
                        if (idx < 0) {
                            type = INVALID;
                            return -1;
                        }
                        v = idx;
                    }
                }
                default -> {
                    type = INVALID;
                    return -1;
                }
            }
            if (atEnd()) {
                type = END;
            } else if (nextType != INVALID) {
                type = nextType;
            } else {
                type = t;
                next();
            }
            return v;
        }

        /** True when the zeros at the position are followed by another digit ({@code .01}, not {@code .0}). */
        private boolean leadingZeroBeforeDigit() {
            int k = pos;
            while (k < s.length() && s.charAt(k) == '0') {
                k++;
            }
            return k < s.length() && Character.isDigit(s.charAt(k));
        }

        private int match(String[] names) {
            for (int k = 0; k < names.length; k++) {
                if (s.startsWith(names[k], pos)) {
                    pos += names[k].length();
                    return k;
                }
            }
            return -1;
        }

        /** apk-tools' {@code next_token}: the type of the token at the position, consuming separators. */
        private void next() {
            int n = INVALID;
            char c = s.charAt(pos);
            if ((type == DIGIT || type == DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
                n = LETTER;
            } else if (type == LETTER && Character.isDigit(c)) {
                n = DIGIT;
            } else if (type == SUFFIX && Character.isDigit(c)) {
                n = SUFFIX_NO;
            } else {
                switch (c) {
                    case '.' -> n = DIGIT_OR_ZERO;
                    case '_' -> n = SUFFIX;
                    case '-' -> {
                        if (pos + 1 < s.length() && s.charAt(pos + 1) == 'r') {
                            n = REVISION_NO;
                            pos++;
                        }
                    }
                    default -> {
                    }
                }
                pos++;
            }
            if (n < type && !(n == DIGIT_OR_ZERO && type == DIGIT || n == SUFFIX && type == SUFFIX_NO
                    || n == DIGIT && type == LETTER)) {
                n = INVALID;
            }
            type = n;
        }
    }
}
