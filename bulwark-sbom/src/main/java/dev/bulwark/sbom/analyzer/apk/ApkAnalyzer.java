package dev.bulwark.sbom.analyzer.apk;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alpine packages from {@code /lib/apk/db/installed}; the origin is the source package. */
public final class ApkAnalyzer implements PackageAnalyzer {

    static final String INSTALLED = "/lib/apk/db/installed";
    /** Bound on the database read into memory (a single-line file of this size still fits a small heap). */
    static final long MAX_SIZE = 32L << 20;
    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("apk-installed", 1, "apk",
            List.of(INSTALLED, "/usr/lib/apk/db/installed"), Set.of(AnalyzerDescriptor.Tag.OS_PACKAGES));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return path.equals(INSTALLED) || path.equals("/usr/lib/apk/db/installed");
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        String path = input.path();
        if (input.size() > MAX_SIZE) {
            out.warn(path, "larger than " + MAX_SIZE + " bytes (real databases are a few MiB); not read");
            return;
        }
        out.database(path);
        for (ApkInstalledParser.Entry e : ApkInstalledParser.parse(input.content(),
                (line, problem) -> out.warn(path, "line " + line + ": " + problem))) {
            out.databasePackage(path, new Package(PackageType.APK, e.name(), e.version(), e.arch(),
                    e.origin() != null ? e.origin() : e.name(), e.version(), null,
                    e.license() == null || e.license().isBlank() ? List.of() : List.of(e.license()),
                    List.of(input.location(null)), null, Map.of()));
            out.ownedFiles(path, e.files());
        }
    }
}
