package dev.bulwark.secret.internal.rules;

import static dev.bulwark.core.Severity.HIGH;
import static dev.bulwark.core.Severity.MEDIUM;
import static dev.bulwark.secret.internal.rules.RuleBuilder.path;
import static dev.bulwark.secret.internal.rules.RuleBuilder.pattern;

import dev.bulwark.secret.SecretRule;
import java.util.List;

/**
 * Vendor-neutral credentials: private keys (PEM, OpenSSH, PGP, PuTTY, PKCS#12 files), JWTs, passwords in URLs,
 * command lines and {@code .netrc}, and generic assignments of keys, tokens and passwords.
 */
final class CredentialRules {

    /** A command line, continued over {@code \}-ended or indented lines. */
    private static final String COMMAND_LINE = "(?:[^\\n]|\\\\\\r?\\n|\\n(?=[ \\t#]))";

    private CredentialRules() {
    }

    static List<SecretRule> keys() {
        return List.of(
                pattern("private-key", "PrivateKey", HIGH, "Private key",
                        "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\\s\\S]{64,16384}?)"
                                + "-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----", "-----begin")
                        .entropy(4.0).context(1000).atKeyword().build(),
                pattern("putty-private-key", "PrivateKey", HIGH, "PuTTY private key",
                        "PuTTY-User-Key-File-\\d: [\\s\\S]{0,2000}?Private-Lines: \\d+\\r?\\n"
                                + "(?<secret>[\\s\\S]{64,8192}?)\\r?\\nPrivate-MAC", "putty-user-key-file")
                        .entropy(4.0).context(200).atKeyword().build(),
                path("pkcs12-file", "PrivateKey", HIGH, "PKCS#12 key store (private keys and certificates)",
                        "(?i)(?:^|/)[^/]+\\.p(?:12|fx)$").build(),
                path("rails-master-key", "Rails", HIGH, "Rails master key file",
                        "(?:^|/)config/(?:master|credentials/[\\w-]+)\\.key$").build());
    }

    static List<SecretRule> credentials() {
        return List.of(
                pattern("jwt", "JWT", MEDIUM, "JSON Web Token",
                        "(?<![\\w-])(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*)(?![\\w-])", "eyj")
                        .group(1).entropy(3.0).examples("SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$").atKeyword().build(),
                pattern("url-credentials", "Password", HIGH, "Password in a URL",
                        "(?<![\\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,19}://(?<user>[^\\s:@/?#'\"`<>]{1,64}):"
                                + "(?<secret>[^\\s@/'\"`<>]{1,128})@[A-Za-z0-9._-]+", "://")
                        .check(SecretRule.Check.CREDENTIALS).build(),
                pattern("curl-auth-user", "Password", HIGH, "Password in a curl --user option",
                        "\\bcurl\\b" + COMMAND_LINE + "{0,500}?[ \\t](?:-u|--user)[ \\t]+['\"]?"
                                + "(?<secret>[^\\s'\":]*['\"]?:['\"]?[^\\s'\"]*)", "curl")
                        .check(SecretRule.Check.CREDENTIALS).context(8).atKeyword().build(),
                pattern("curl-auth-header", "Password", HIGH, "Credential in a curl header",
                        "\\bcurl\\b" + COMMAND_LINE + "{0,500}?[ \\t](?:-H|--header)[ \\t]*['\"]"
                                + "(?i:authorization|[\\w-]*(?:api-?key|token|auth)[\\w-]*)[ \\t]*:[ \\t]*"
                                + "(?:(?<scheme>(?i:basic|bearer|token|api-token|digest))[ \\t]+)?"
                                + "(?<secret>[^\\s'\"]{3,})", "curl")
                        .check(SecretRule.Check.AUTH_HEADER).context(8).atKeyword().build(),
                pattern("netrc-password", "Password", HIGH, "Password in a .netrc file",
                        "\\bmachine\\s+\\S+\\s+login\\s+(?<user>\\S+)\\s+password\\s+(?<secret>\\S+)", "machine")
                        .check(SecretRule.Check.CREDENTIALS).context(3).atKeyword().build());
    }

    static List<SecretRule> generic() {
        String name = "(?<name>[\\w.-]{1,80})(?:[ \\t]{1,3}[A-Za-z]\\w{0,15})?[\\s\"'`\\\\]{0,4}";
        String end = "(?=[\\s\"'`;,<)\\\\\\]}]|$)";
        return List.of(
                pattern("generic-api-key", "Generic", MEDIUM, "Generic API key, token or secret",
                        name + RuleBuilder.OPERATOR + RuleBuilder.VALUE_PREFIX + "(?<secret>[\\w.=+/~!@#$%^&*-]{10,150})" + end,
                        "key", "token", "secret", "auth", "credential", "creds", "psk")
                        .anchored().context(1).entropy(3.5).check(SecretRule.Check.ASSIGNMENT).build(),
                pattern("generic-password", "Generic", MEDIUM, "Password",
                        name + RuleBuilder.OPERATOR + RuleBuilder.VALUE_PREFIX
                                + "(?<secret>[^\\s\"'`;,<>()\\\\]{6,128})" + end, "pass", "pwd")
                        .anchored().context(1).entropy(2.5).check(SecretRule.Check.PASSWORD_ASSIGNMENT).build());
    }
}
