package dev.bulwark.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How a configuration scan runs.
 *
 * @param skipChecks check ids or aliases not to run ({@code --skip-checks})
 * @param compliance run only this profile's controls, or {@code null} for every check
 * @param policyFiles custom CEL policy files to load ({@code --policy})
 * @param maxFileBytes files larger than this are reported as errors instead of read
 */
public record ConfigScanOptions(List<String> skipChecks, Compliance compliance, List<Path> policyFiles,
                                long maxFileBytes) {

    /** 16 MiB: far above real manifests and Dockerfiles, low enough to bound memory per file. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    public ConfigScanOptions {
        skipChecks = List.copyOf(skipChecks);
        policyFiles = List.copyOf(policyFiles);
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    public static ConfigScanOptions defaults() {
        return new ConfigScanOptions(List.of(), null, List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    public ConfigScanOptions withSkipChecks(List<String> ids) {
        return new ConfigScanOptions(ids, compliance, policyFiles, maxFileBytes);
    }

    public ConfigScanOptions withCompliance(Compliance profile) {
        return new ConfigScanOptions(skipChecks, profile, policyFiles, maxFileBytes);
    }

    public ConfigScanOptions withPolicyFiles(List<Path> files) {
        return new ConfigScanOptions(skipChecks, compliance, files, maxFileBytes);
    }

    public ConfigScanOptions withMaxFileBytes(long bytes) {
        return new ConfigScanOptions(skipChecks, compliance, policyFiles, bytes);
    }
}
