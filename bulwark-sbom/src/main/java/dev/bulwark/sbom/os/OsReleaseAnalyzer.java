package dev.bulwark.sbom.os;

import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Keeps the content of the release files of each layer; the distribution is decided after the walk from the files the
 * final filesystem shows (following symlinks such as Debian's {@code /etc/os-release -> ../usr/lib/os-release}).
 */
public final class OsReleaseAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("os-release", 1, "os",
            OsDetector.RELEASE_FILES, Set.of(AnalyzerDescriptor.Tag.OS_RELEASE));
    private static final int MAX_SIZE = 64 << 10;

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= MAX_SIZE && OsDetector.RELEASE_FILES.contains(path);
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        out.releaseFile(input.path(), new String(input.content().readNBytes(MAX_SIZE), StandardCharsets.UTF_8));
    }
}
