package dev.bulwark.secret.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Heuristics that tell a real secret from a placeholder, a variable reference or a non-secret value that merely sits
 * next to a secret-sounding word. They apply to built-in rules only: user rules keep gitleaks semantics.
 */
public final class Plausibility {

    /** Words that name a secret when they end an identifier ({@code db_password}, {@code apiToken}). */
    private static final Set<String> SECRET_WORDS = Set.of(
            "key", "keys", "token", "tokens", "secret", "secrets", "password", "passwords", "passwd", "pwd", "pass",
            "passphrase", "credential", "credentials", "creds", "cred", "auth", "apikey", "pat", "psk");

    /** Words that may precede a secret word inside one lower-case compound ({@code apikey}, {@code accesstoken}). */
    private static final Set<String> COMPOUND_PREFIXES = Set.of(
            "api", "access", "secret", "private", "priv", "auth", "master", "signing", "sign", "encryption",
            "encrypt", "enc", "license", "licence", "client", "app", "bearer", "refresh", "session", "oauth",
            "service", "admin", "root", "db", "user", "deploy", "webhook", "hmac", "jwt", "account", "shared",
            "consumer", "integration", "personal", "security", "crypt", "cipher", "aes", "ssh", "bot", "slack",
            "github", "gitlab", "npm", "pypi", "docker", "registry", "smtp", "mail", "ldap", "redis", "mysql",
            "postgres", "sql", "database", "sa", "write", "read", "upload", "publish", "install", "login", "id",
            "dev", "prod", "live", "test", "auth0", "x", "my", "ci", "cd", "cloud", "storage", "bucket_");

    /** Trailing words that describe how a secret is stored; the word before them decides. */
    private static final Set<String> DECORATIONS = Set.of(
            "value", "val", "str", "string", "text", "data", "b64", "base64", "hex", "raw", "enc", "encoded",
            "plain", "plaintext", "content", "literal", "env");

    /** Qualifiers that make a "key" or "token" something other than a credential. */
    private static final Set<String> NON_SECRET_QUALIFIERS = Set.of(
            "public", "pub", "bucket", "foreign", "primary", "secondary", "sort", "partition", "schema", "sequence",
            "cache", "map", "lookup", "row", "composite", "unique", "idempotency", "dedup", "dedupe", "routing",
            "shard", "object", "csrf", "xsrf", "next", "page", "pagination", "continuation", "cursor", "sync",
            "max", "min", "num", "hot", "natural", "idx", "index", "i18n", "translation", "message", "msg",
            "locale", "label", "hash", "range", "host", "known", "group", "cluster", "dict", "field",
            "column", "table", "store", "registry", "type", "lexer", "parser", "cancellation", "cancel", "stop");

    private static final Set<String> NON_SECRET_VALUES = Set.of(
            "true", "false", "null", "nil", "none", "undefined", "empty", "changeme", "change_me", "password",
            "secret", "token", "example", "test", "testing", "default", "required", "optional", "string", "redacted",
            "hidden", "masked", "notset", "not_set", "unset", "todo", "tbd", "dummy", "sample", "placeholder");

    private static final String[] PLACEHOLDER_MARKERS = {
        "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "placeholder", "replace_me",
        "replaceme", "replace-me", "changeme", "change_me", "change-me", "insert_", "insert-", "put_your",
        "putyour", "redacted", "xxxxx", "*****", "...", "<", ">", "${", "{{", "}}"
    };

    private static final java.util.regex.Pattern VERSION =
            java.util.regex.Pattern.compile(".*\\d+\\.\\d+\\.\\d+.*|v?\\d+(\\.\\d+)+.*");
    private static final java.util.regex.Pattern HOST_NAME =
            java.util.regex.Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}(:\\d+)?");
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[-_.:]");
    private static final java.util.regex.Pattern QUOTES_AND_BRACES = java.util.regex.Pattern.compile("[\"'{}]");

    private Plausibility() {
    }

    /**
     * True for secrets that are placeholders whatever the rule: long runs of one character ({@code ghp_xxxx…}),
     * very low variety ({@code A3-XXXXX-…}), alphabet runs ({@code abcdefgh}) or placeholder words.
     */
    public static boolean isPlaceholder(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        int length = lower.length();
        if (length == 0) {
            return true;
        }
        int longestRun = 1;
        int run = 1;
        int alphabetRun = 1;
        int longestAlphabetRun = 1;
        for (int i = 1; i < length; i++) {
            char c = lower.charAt(i);
            char previous = lower.charAt(i - 1);
            run = c == previous ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
            alphabetRun = c >= 'a' && c <= 'z' && c == previous + 1 ? alphabetRun + 1 : 1;
            longestAlphabetRun = Math.max(longestAlphabetRun, alphabetRun);
        }
        if (longestRun >= Math.max(6, length / 4) || longestAlphabetRun >= Math.max(8, length / 4)) {
            return true;
        }
        if (length >= 12 && Entropy.shannon(lower) < 2.0) {
            return true;
        }
        for (String marker : PLACEHOLDER_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** True when a value is a reference to something else rather than a literal: {@code $VAR}, {@code %VAR%} ... */
    public static boolean isReference(String value) {
        if (value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        return first == '$' || first == '%' || first == '{' || first == '<' || first == '@' || first == '['
                || value.startsWith("#{") || value.startsWith("env.") || value.startsWith("process.env")
                || value.startsWith("os.environ") || value.startsWith("System.getenv");
    }

    /** Identifier words: split on punctuation, camelCase and lower/upper changes; lower-cased. */
    public static List<String> words(String identifier) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(words, current);
                continue;
            }
            if (current.length() > 0 && Character.isUpperCase(c)) {
                char previous = identifier.charAt(i - 1);
                boolean nextLower = i + 1 < identifier.length() && Character.isLowerCase(identifier.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextLower)) {
                    flush(words, current);
                }
            }
            current.append(Character.toLowerCase(c));
        }
        flush(words, current);
        return words;
    }

    private static void flush(List<String> words, StringBuilder current) {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
        }
    }

    /**
     * True when an identifier names a secret: its last meaningful word is a secret word (or a compound such as
     * {@code apikey}), not qualified as public, an id, a name, a file ...
     *
     * @param passwordsOnly accept only password words
     */
    public static boolean namesSecret(String identifier, boolean passwordsOnly) {
        List<String> words = words(identifier);
        while (words.size() > 1 && DECORATIONS.contains(words.getLast())) {
            words.removeLast();
        }
        if (words.isEmpty()) {
            return false;
        }
        for (String word : words) {
            if (word.equals("public") || word.equals("pub") || word.equals("csrf") || word.equals("xsrf")) {
                return false;
            }
        }
        String head = words.getLast();
        if (!isSecretWord(head, passwordsOnly)) {
            return false;
        }
        if (words.size() > 1 && NON_SECRET_QUALIFIERS.contains(words.get(words.size() - 2))) {
            return false;
        }
        return true;
    }

    private static boolean isSecretWord(String word, boolean passwordsOnly) {
        if (passwordsOnly) {
            if (word.equals("pass") || word.equals("pwd")) {
                return true;
            }
            for (String base : List.of("password", "passwd", "passphrase", "passwords")) {
                if (word.endsWith(base)) {
                    return true;
                }
            }
            return word.endsWith("pwd") && COMPOUND_PREFIXES.contains(word.substring(0, word.length() - 3));
        }
        if (SECRET_WORDS.contains(word)) {
            return true;
        }
        for (String base : SECRET_WORDS) {
            if (word.length() > base.length() && word.endsWith(base)
                    && COMPOUND_PREFIXES.contains(word.substring(0, word.length() - base.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when an assigned value looks like a credential rather than a word, name, path, version, host, variable
     * reference or placeholder.
     *
     * @param password passwords may be shorter and less random than keys
     */
    public static boolean valueLooksSecret(String value, boolean password) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (isReference(value) || NON_SECRET_VALUES.contains(lower) || isPlaceholder(value)
                || value.endsWith(":") || value.contains("::") || value.contains("->")
                || lower.contains("12345678") || lower.contains("abcdef")) {
            return false;
        }
        boolean hasDigit = false;
        boolean hasLetter = false;
        boolean hasSymbol = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                hasDigit = true;
            } else if (Character.isLetter(c)) {
                hasLetter = true;
            } else if (c != '_' && c != '-' && c != '.') {
                hasSymbol = true;
            }
        }
        if (!hasDigit && !hasSymbol) {
            return false; // words, identifiers, dotted names
        }
        if (!hasLetter && !password) {
            return false; // numbers, dates, IP addresses
        }
        if (VERSION.matcher(lower).matches() || lower.contains("snapshot")) {
            return false; // versions
        }
        if (lower.startsWith("http") || lower.startsWith("/") || lower.startsWith("./") || lower.startsWith("~/")
                || HOST_NAME.matcher(lower).matches()) {
            return false; // URLs, paths, host names
        }
        List<String> segments = List.of(SEPARATORS.split(value));
        if (segments.size() > 1) {
            boolean random = false;
            for (String segment : segments) {
                String segmentLower = segment.toLowerCase(Locale.ROOT);
                if (SECRET_WORDS.contains(segmentLower)) {
                    return false; // another identifier: chain_Anvil2_Key
                }
                if (looksRandom(segment)) {
                    random = true;
                }
            }
            if (!random && !(password && hasSymbol)) {
                return false; // resource names: cmp2-qat-1208358310, DOC_Vector_5_32
            }
        }
        return true;
    }

    /** A run of characters that mixes letters and digits (or cases) like generated data does. */
    static boolean looksRandom(String segment) {
        if (segment.length() < 8) {
            return false;
        }
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int other = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            } else {
                other++;
            }
        }
        int classes = (digits > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (other > 0 ? 1 : 0);
        return classes >= 2 && (digits > 0 || words(segment).size() >= 4);
    }

    /** For {@code user:password} pairs: true unless both sides are placeholders, references or trivial. */
    public static boolean credentialsLookReal(String credentials) {
        String pair = QUOTES_AND_BRACES.matcher(credentials).replaceAll("");
        int colon = pair.indexOf(':');
        String user = colon < 0 ? pair : pair.substring(0, colon);
        String password = colon < 0 ? "" : pair.substring(colon + 1);
        if (user.equalsIgnoreCase(password)) {
            return false;
        }
        return credentialPartLooksReal(password) || (password.isEmpty() && credentialPartLooksReal(user));
    }

    private static boolean credentialPartLooksReal(String part) {
        if (part.length() < 6 || isReference(part) || part.contains("${") || part.contains("$(")) {
            return false;
        }
        String lower = part.toLowerCase(Locale.ROOT);
        for (String word : List.of("password", "passwd", "pass", "secret", "token", "xxx", "yyy", "***", "changeme",
                "username", "user", "example")) {
            if (lower.equals(word) || lower.contains(word) && lower.length() <= word.length() + 3) {
                return false;
            }
        }
        return !isPlaceholder(part) && Entropy.shannon(part) > 2.5;
    }

    /** For a password next to a known user (URLs): not a placeholder, reference or the user name itself. */
    public static boolean passwordLooksReal(String password, String user) {
        return !password.equals(user) && credentialPartLooksReal(password);
    }

    /** An {@code Authorization} header value; {@code Basic} credentials must decode to {@code user:password}. */
    public static boolean headerValueLooksReal(String scheme, String value) {
        if (value.length() < 8 || isReference(value) || isPlaceholder(value)) {
            return false;
        }
        if (scheme.equalsIgnoreCase("basic")) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(value),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                return decoded.indexOf(':') > 0 && decoded.indexOf('{') < 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
