package dev.bulwark.secret;

/**
 * What the scanner skips before reading a file.
 *
 * @param maxFileBytes files larger than this are not read (default {@value #DEFAULT_MAX_FILE_BYTES} bytes); this is
 *     also the most a single scan holds in memory
 * @param skipDependencyPaths skip third-party and system paths where secrets are sample data rather than
 *     leaks: {@code node_modules/}, Go module cache, Python {@code site-packages/}, {@code /usr/share/doc}, OS
 *     package databases, lock files, CA bundles ... (default true)
 */
public record SecretScanOptions(long maxFileBytes, boolean skipDependencyPaths) {

    /** 10 MiB: config files, sources and scripts are far smaller; larger text files are logs and data dumps. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    public SecretScanOptions {
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and 2 GiB, got " + maxFileBytes);
        }
    }

    public static SecretScanOptions defaults() {
        return new SecretScanOptions(DEFAULT_MAX_FILE_BYTES, true);
    }

    public SecretScanOptions withMaxFileBytes(long bytes) {
        return new SecretScanOptions(bytes, skipDependencyPaths);
    }

    public SecretScanOptions withSkipDependencyPaths(boolean skip) {
        return new SecretScanOptions(maxFileBytes, skip);
    }
}
