package dev.bulwark.core;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A content digest such as {@code sha256:e3b0c4...}, as used by OCI for blobs, layers and manifests.
 *
 * <p>Parsing validates the encoded length for the algorithms the OCI image spec registers, so a truncated or
 * mistyped digest fails where it is read rather than later as a silent mismatch.
 */
public record Digest(String algorithm, String hex) {

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm is null");
        Objects.requireNonNull(hex, "hex is null");
        if (!algorithm.matches("[a-z0-9]+([+._-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("invalid digest algorithm: " + algorithm);
        }
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            case "sha1" -> 40;
            default -> -1;
        };
        if (expected > 0 && (hex.length() != expected || !hex.matches("[0-9a-f]+"))) {
            throw new IllegalArgumentException(
                    "invalid " + algorithm + " digest: expected " + expected + " lowercase hex characters, got '" + hex + "'");
        }
        if (expected < 0 && !hex.matches("[a-zA-Z0-9=_-]+")) {
            throw new IllegalArgumentException("invalid digest encoding: " + hex);
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} naming the problem. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest is null");
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid digest '" + text + "': expected algorithm:hex");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The sha256 digest of already computed hash bytes. */
    public static Digest sha256(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("sha256 hash must be 32 bytes, got " + hash.length);
        }
        return new Digest("sha256", HexFormat.of().formatHex(hash));
    }

    /** The JDK {@link java.security.MessageDigest} algorithm name, e.g. {@code SHA-256}. */
    public String jdkAlgorithm() {
        return switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            case "sha1" -> "SHA-1";
            default -> algorithm.toUpperCase(Locale.ROOT);
        };
    }

    /** The first 12 hex characters, as shown in tables. */
    public String shortHex() {
        return hex.length() <= 12 ? hex : hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
