package dev.bulwark.secret.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Paths the scanner does not read by default: binary formats recognised by extension (content sniffing catches the
 * rest), and third-party or system content where secret-looking strings are test fixtures and sample data rather
 * than leaks (package manager caches and dependency trees, OS package databases, documentation, lock files full of
 * integrity hashes, CA bundles). Paths are root-relative without a leading {@code /}.
 */
public final class SkippedPaths {

    private static final Set<String> BINARY_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "tif", "tiff", "webp", "psd", "heic",
            "woff", "woff2", "ttf", "otf", "eot",
            "mp3", "mp4", "m4a", "ogg", "wav", "flac", "avi", "mov", "mkv", "webm",
            "zip", "gz", "tgz", "bz2", "xz", "zst", "lz4", "7z", "rar", "tar", "jar", "war", "ear", "apk", "whl",
            "deb", "rpm", "class", "so", "dll", "dylib", "exe", "o", "a", "lib", "obj", "pyc", "pyo", "wasm",
            "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
            "db", "sqlite", "sqlite3", "mdb", "bin", "dat", "pack", "idx", "node", "mo", "gmo",
            "p12", "pfx", "jks", "der");

    private static final Pattern DEPENDENCY_PATHS = Pattern.compile(String.join("|",
            "(?:^|/)node_modules/",
            "(?:^|/)bower_components/",
            "(?:^|/)(?:site|dist)-packages/",
            "(?:^|/)lib(?:64)?/python[23](?:\\.\\d+)*/",
            "(?:^|/)go/pkg/mod/",
            "(?:^|/)\\.cargo/registry/",
            "(?:^|/)\\.m2/repository/",
            "(?:^|/)\\.gradle/caches/",
            "(?:^|/)\\.npm/_cacache/",
            "(?:^|/)gems/[^/]+/gems/",
            "(?:^|/)vendor/(?:bundle|ruby)/",
            "(?:^|/)vendor/(?:github\\.com|golang\\.org|google\\.golang\\.org|gopkg\\.in|k8s\\.io|sigs\\.k8s\\.io)/",
            "^usr/share/(?:doc|man|info|locale|i18n|zoneinfo|perl5?|misc|common-licenses|ca-certificates)/",
            "^usr/lib/(?:jvm|locale|x86_64-linux-gnu/perl|python[23][.\\d]*|ruby)/",
            "^usr/include/",
            "^var/lib/(?:dpkg|apt|rpm|apk|yum|dnf)/",
            "^lib/apk/db/",
            "^var/cache/",
            "^etc/ssl/certs/",
            "^etc/pki/(?:ca-trust|tls/certs)/",
            "^(?:proc|sys|dev)/",
            "(?:^|/)(?:package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock|pnpm-lock\\.yaml|go\\.sum|Cargo\\.lock"
                    + "|poetry\\.lock|Pipfile\\.lock|composer\\.lock|Gemfile\\.lock|gradle\\.lockfile|deno\\.lock)$"));

    private static final Pattern VERSIONED_LIBRARY = Pattern.compile("\\.so(?:\\.\\d+)+$");

    private SkippedPaths() {
    }

    /** The path without leading {@code /} and {@code ./}, as rules and allowlists see it. */
    public static String normalize(String path) {
        String p = path;
        while (p.startsWith("/") || p.startsWith("./")) {
            p = p.startsWith("/") ? p.substring(1) : p.substring(2);
        }
        return p;
    }

    public static boolean binaryExtension(String normalizedPath) {
        int slash = normalizedPath.lastIndexOf('/');
        int dot = normalizedPath.lastIndexOf('.');
        if (dot <= slash + 1) {
            return false;
        }
        String extension = normalizedPath.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (BINARY_EXTENSIONS.contains(extension)) {
            return true;
        }
        // Versioned shared libraries: libssl.so.3, libc.so.6.
        return VERSIONED_LIBRARY.matcher(normalizedPath).find();
    }

    public static boolean dependencyPath(String normalizedPath) {
        return DEPENDENCY_PATHS.matcher(normalizedPath).find();
    }
}
