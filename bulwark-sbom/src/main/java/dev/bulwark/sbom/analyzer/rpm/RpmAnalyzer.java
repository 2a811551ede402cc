package dev.bulwark.sbom.analyzer.rpm;

import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RPM packages from all three rpm database formats, in pure Java: BerkeleyDB hash {@code Packages}, ndb
 * {@code Packages.db} and SQLite {@code rpmdb.sqlite}, under {@code /var/lib/rpm} or {@code /usr/lib/sysimage/rpm}.
 * The database is copied to a private file in the cache directory first (the formats need random access; the image's
 * file is never opened for writing), read, and deleted. Versions are {@code [epoch:]version-release}; the source
 * package name and version come from the source RPM file name.
 */
public final class RpmAnalyzer implements PackageAnalyzer {

    private static final List<String> DIRECTORIES = List.of("/var/lib/rpm/", "/usr/lib/sysimage/rpm/");
    private static final Map<String, RpmDatabase> BACKENDS = Map.of(
            "Packages", new BerkeleyDbHashReader(),
            "Packages.db", new NdbReader(),
            "rpmdb.sqlite", new SqliteRpmDbReader());
    /** Bound on the database copied into the cache directory to be read. */
    static final long MAX_SIZE = 512L << 20;
    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("rpmdb", 1, "rpm",
            List.of("/var/lib/rpm/Packages", "/var/lib/rpm/Packages.db", "/var/lib/rpm/rpmdb.sqlite",
                    "/usr/lib/sysimage/rpm/{Packages,Packages.db,rpmdb.sqlite}"),
            Set.of(AnalyzerDescriptor.Tag.OS_PACKAGES));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        for (String dir : DIRECTORIES) {
            if (path.startsWith(dir) && BACKENDS.containsKey(path.substring(dir.length()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        String path = input.path();
        if (input.size() > MAX_SIZE) {
            out.warn(path, "larger than " + MAX_SIZE + " bytes (real databases are a few hundred MiB at most); "
                    + "not copied or read");
            return;
        }
        out.database(path);
        RpmDatabase backend = BACKENDS.get(input.fileName());
        Files.createDirectories(input.tempDir());
        Path copy = Files.createTempFile(input.tempDir(), "rpmdb-", ".db");
        try {
            try (OutputStream o = Files.newOutputStream(copy)) {
                input.content().transferTo(o);
            }
            List<String> owned = new ArrayList<>();
            Map<String, Package> packages = new LinkedHashMap<>();
            int[] damaged = {0};
            backend.read(copy, blob -> {
                try {
                    RpmHeader header = RpmHeaderParser.parse(blob);
                    Package p = toPackage(header, input.location(null));
                    packages.putIfAbsent(p.name() + " " + p.version() + " " + p.arch(), p);
                    owned.addAll(header.files());
                } catch (RpmHeaderParser.MalformedHeaderException e) {
                    damaged[0]++;
                    out.warn(path, "malformed rpm header skipped (" + e.getMessage() + ")");
                }
            }, problem -> out.warn(path, problem));
            packages.values().forEach(p -> out.databasePackage(path, p));
            out.ownedFiles(path, owned);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    static Package toPackage(RpmHeader h, Location location) {
        String evr = (h.epoch() != null ? h.epoch() + ":" : "") + h.version() + "-" + h.release();
        String sourceName = h.name();
        String sourceVersion = evr;
        Map<String, String> properties = new LinkedHashMap<>();
        if (h.sourceRpm() != null && !h.sourceRpm().isEmpty()) {
            properties.put("sourcerpm", h.sourceRpm());
            String[] nvr = splitSourceRpm(h.sourceRpm());
            if (nvr != null) {
                sourceName = nvr[0];
                sourceVersion = (h.epoch() != null ? h.epoch() + ":" : "") + nvr[1] + "-" + nvr[2];
            }
        }
        if (h.modularityLabel() != null && !h.modularityLabel().isEmpty()) {
            properties.put("modularitylabel", h.modularityLabel());
        }
        return new Package(PackageType.RPM, h.name(), evr, h.arch(), sourceName, sourceVersion, null,
                h.license() == null || h.license().isBlank() ? List.of() : List.of(h.license()),
                List.of(location), null, properties);
    }

    /** {@code name-version-release.src.rpm} as name, version, release; {@code null} when it has another form. */
    static String[] splitSourceRpm(String file) {
        String base = file.endsWith(".src.rpm") ? file.substring(0, file.length() - ".src.rpm".length())
                : file.endsWith(".nosrc.rpm") ? file.substring(0, file.length() - ".nosrc.rpm".length()) : null;
        if (base == null) {
            return null;
        }
        int releaseDash = base.lastIndexOf('-');
        int versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0) {
            return null;
        }
        return new String[] {base.substring(0, versionDash), base.substring(versionDash + 1, releaseDash),
                base.substring(releaseDash + 1)};
    }
}
