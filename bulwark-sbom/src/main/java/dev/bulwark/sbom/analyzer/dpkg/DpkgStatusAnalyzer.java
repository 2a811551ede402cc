package dev.bulwark.sbom.analyzer.dpkg;

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

/**
 * Debian packages from {@code /var/lib/dpkg/status} and, in distroless images, {@code /var/lib/dpkg/status.d/*}
 * (one file per package). Only installed packages count; each carries its source package and source version from the
 * {@code Source:} field ({@code util-linux (2.41-5)}), or its own name and version when the field is absent.
 */
public final class DpkgStatusAnalyzer implements PackageAnalyzer {

    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";
    /** Bound on a status or file list read into memory (a single-line file of this size still fits a small heap). */
    static final long MAX_SIZE = 32L << 20;
    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("dpkg-status", 1, "deb",
            List.of(STATUS, STATUS_D + "*"), Set.of(AnalyzerDescriptor.Tag.OS_PACKAGES));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return path.equals(STATUS) || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0
                && !path.endsWith(".md5sums"));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        String path = input.path();
        if (input.size() > MAX_SIZE) {
            out.warn(path, "larger than " + MAX_SIZE + " bytes (real databases are a few MiB); not read");
            return;
        }
        out.database(path);
        List<DpkgStatusParser.Entry> entries = DpkgStatusParser.parse(input.content(),
                (line, problem) -> out.warn(path, "line " + line + ": " + problem));
        for (DpkgStatusParser.Entry entry : entries) {
            if (!entry.installed()) {
                continue;
            }
            out.databasePackage(path, new Package(PackageType.DEB, entry.name(), entry.version(), entry.arch(),
                    entry.sourceName(), entry.sourceVersion(), null, List.of(), List.of(input.location(null)), null,
                    Map.of()));
        }
    }
}
