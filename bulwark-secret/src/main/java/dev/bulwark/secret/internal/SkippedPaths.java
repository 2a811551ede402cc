package dev.bulwark.secret.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /**
     * Directory sequences skipped wherever they start a path segment ({@code (^|/)node_modules/}). Together with
     * {@link #ROOT_PREFIXES}, {@link #LOCK_FILES} and the two shapes checked in code ({@code lib(64)/pythonX.Y/},
     * {@code gems/NAME/gems/}) they are the skipped dependency paths; this runs for every file of an image, so it is
     * plain string comparison rather than a regular expression tried at every offset of the path.
     */
    private static final List<String> SEGMENT_PREFIXES = List.of(
            "node_modules/", "bower_components/", "site-packages/", "dist-packages/", "go/pkg/mod/",
            ".cargo/registry/", ".m2/repository/", ".gradle/caches/", ".npm/_cacache/", "vendor/bundle/",
            "vendor/ruby/", "vendor/github.com/", "vendor/golang.org/", "vendor/google.golang.org/", "vendor/gopkg.in/",
            "vendor/k8s.io/", "vendor/sigs.k8s.io/");

    /** Skipped when the path starts with them (root-relative). */
    private static final List<String> ROOT_PREFIXES = List.of(
            "usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/locale/", "usr/share/i18n/",
            "usr/share/zoneinfo/", "usr/share/perl/", "usr/share/perl5/", "usr/share/misc/",
            "usr/share/common-licenses/", "usr/share/ca-certificates/", "usr/lib/jvm/", "usr/lib/locale/",
            "usr/lib/x86_64-linux-gnu/perl/", "usr/lib/ruby/", "usr/include/", "var/lib/dpkg/", "var/lib/apt/",
            "var/lib/rpm/", "var/lib/apk/", "var/lib/yum/", "var/lib/dnf/", "lib/apk/db/", "var/cache/",
            "etc/ssl/certs/", "etc/pki/ca-trust/", "etc/pki/tls/certs/", "proc/", "sys/", "dev/");

    /** Lock files full of integrity hashes, skipped by file name. */
    private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "go.sum", "Cargo.lock", "poetry.lock", "Pipfile.lock", "composer.lock", "Gemfile.lock",
            "gradle.lockfile", "deno.lock");

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
        return versionedLibrary(normalizedPath);
    }

    public static boolean dependencyPath(String normalizedPath) {
        String p = normalizedPath;
        for (String prefix : ROOT_PREFIXES) {
            if (p.startsWith(prefix)) {
                return true;
            }
        }
        if (p.startsWith("usr/lib/python") && pythonDirectory(p, "usr/lib/python".length(), false)) {
            return true;
        }
        int lastSlash = p.lastIndexOf('/');
        if (LOCK_FILES.contains(p.substring(lastSlash + 1))) {
            return true;
        }
        for (int segment = 0; segment <= lastSlash; segment = p.indexOf('/', segment) + 1) {
            if (dependencySegment(p, segment)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a skipped directory sequence starts at {@code at}, the start of a path segment. */
    private static boolean dependencySegment(String p, int at) {
        for (String prefix : SEGMENT_PREFIXES) {
            if (p.startsWith(prefix, at)) {
                return true;
            }
        }
        if (p.startsWith("lib/python", at)) {
            return pythonDirectory(p, at + "lib/python".length(), true);
        }
        if (p.startsWith("lib64/python", at)) {
            return pythonDirectory(p, at + "lib64/python".length(), true);
        }
        if (p.startsWith("gems/", at)) {
            int name = at + "gems/".length();
            int slash = p.indexOf('/', name);
            return slash > name && p.startsWith("/gems/", slash);
        }
        return false;
    }

    /**
     * Whether {@code python} is followed at {@code at} by 2 or 3, a version and a slash: {@code (\.\d+)*} when
     * {@code dottedNumbers}, else any run of dots and digits ({@code [.\d]*}).
     */
    private static boolean pythonDirectory(String p, int at, boolean dottedNumbers) {
        if (at >= p.length() || (p.charAt(at) != '2' && p.charAt(at) != '3')) {
            return false;
        }
        int i = at + 1;
        if (!dottedNumbers) {
            while (i < p.length() && (p.charAt(i) == '.' || isDigit(p.charAt(i)))) {
                i++;
            }
            return i < p.length() && p.charAt(i) == '/';
        }
        while (i < p.length() && p.charAt(i) == '.') {
            int digits = i + 1;
            while (digits < p.length() && isDigit(p.charAt(digits))) {
                digits++;
            }
            if (digits == i + 1) {
                return false;
            }
            i = digits;
        }
        return i < p.length() && p.charAt(i) == '/';
    }

    /** Versioned shared libraries ({@code libssl.so.3}, {@code libc.so.6}): {@code \.so(\.\d+)+$}. */
    static boolean versionedLibrary(String p) {
        int end = p.length();
        int groups = 0;
        while (true) {
            int digits = end;
            while (digits > 0 && isDigit(p.charAt(digits - 1))) {
                digits--;
            }
            if (digits == end || digits == 0 || p.charAt(digits - 1) != '.') {
                break;
            }
            end = digits - 1;
            groups++;
        }
        return groups > 0 && p.startsWith(".so", end - 3) && end >= 3;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
