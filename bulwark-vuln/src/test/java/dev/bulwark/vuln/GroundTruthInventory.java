package dev.bulwark.vuln;

import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.testkit.Corpus;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Package lists of the corpus images built from their ground truth ({@code images/expected/}), standing in for the
 * inventory until the scan pipeline exists. Apk origins are not in the expected lists, so they are read from the
 * image's own {@code lib/apk/db/installed} ({@code o:} lines).
 */
final class GroundTruthInventory {

    /** An image's OS and packages. */
    record Image(String name, OperatingSystem os, List<Package> packages) {
    }

    private GroundTruthInventory() {
    }

    static Image pkgdbAlpine(String version) throws IOException {
        Path image = Corpus.require("images/pkgdb-alpine-" + version + ".oci.tar");
        Map<String, String> origins = apkOrigins(image);
        List<Package> packages = new ArrayList<>();
        for (String[] row : tsv("images/expected/pkgdb-alpine-" + version + ".apk.tsv")) {
            packages.add(Packages.withSource(PackageType.APK, row[0], row[1], origins.get(row[0]), null));
        }
        return new Image("pkgdb-alpine-" + version + ".oci",
                new OperatingSystem("alpine", version, null, null, null), packages);
    }

    static Image pkgdbDebian() throws IOException {
        return new Image("pkgdb-debian-9.11.oci", new OperatingSystem("debian", "9", "stretch", null, null),
                dpkg("images/expected/pkgdb-debian-9.11.dpkg.tsv"));
    }

    static Image pkgdbCentos() throws IOException {
        List<Package> packages = new ArrayList<>();
        for (String[] row : tsv("images/expected/pkgdb-centos-8.2.2004.rpm.tsv")) {
            String evr = (row[1].isEmpty() ? "" : row[1] + ":") + row[2] + "-" + row[3];
            String srpm = row[5].replaceFirst("-[^-]+-[^-]+\\.src\\.rpm$", "");
            Map<String, String> props = row.length > 6 && !row[6].isEmpty() ? Map.of("modularitylabel", row[6])
                    : Map.of();
            packages.add(new Package(PackageType.RPM, row[0], evr, row[4], srpm, null, null, List.of(), List.of(),
                    null, props));
        }
        return new Image("pkgdb-centos-8.2.2004.oci", new OperatingSystem("centos", "8", null, null, null),
                packages);
    }

    static Image alpineApp() throws IOException {
        List<Package> packages = new ArrayList<>();
        for (String[] row : tsv("images/expected/alpine-3.20.3-app.apk.tsv")) {
            packages.add(Packages.of(PackageType.APK, row[0], row[1]));
        }
        packages.addAll(appLayers());
        return new Image("alpine-3.20.3-app.oci", new OperatingSystem("alpine", "3.20.3", null, null, null),
                packages);
    }

    static Image debianApp() throws IOException {
        List<Package> packages = new ArrayList<>(dpkg("images/expected/debian-13-slim-app.dpkg.tsv"));
        packages.addAll(appLayers());
        return new Image("debian-13-slim-app.docker", new OperatingSystem("debian", "13", "trixie", null, null),
                packages);
    }

    private static List<Package> dpkg(String tsv) throws IOException {
        List<Package> packages = new ArrayList<>();
        for (String[] row : tsv(tsv)) {
            packages.add(Packages.withSource(PackageType.DEB, row[0], row[1], row[3], row[4]));
        }
        return packages;
    }

    /** Maven, npm and Go packages of the app layers that are in the final filesystem. */
    private static List<Package> appLayers() throws IOException {
        List<Package> packages = new ArrayList<>();
        for (String[] row : tsv("images/expected/app-layers.tsv")) {
            if (row.length < 6 || !row[5].equals("yes")) {
                continue;
            }
            PackageType type = switch (row[2]) {
                case "maven" -> PackageType.MAVEN;
                case "npm" -> PackageType.NPM;
                case "golang" -> PackageType.GOLANG;
                default -> null;
            };
            if (type != null) {
                packages.add(Packages.of(type, row[3], row[4]));
            }
        }
        return packages;
    }

    private static List<String[]> tsv(String relative) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.require(relative))) {
            if (!line.isBlank() && !line.startsWith("layer\t")) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** Binary name to origin from {@code lib/apk/db/installed} in any layer of an OCI archive. */
    private static Map<String, String> apkOrigins(Path ociTar) throws IOException {
        Map<String, String> origins = new HashMap<>();
        try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(ociTar))) {
            TarArchiveEntry blob;
            while ((blob = outer.getNextEntry()) != null) {
                if (!blob.getName().startsWith("blobs/") || !blob.isFile()) {
                    continue;
                }
                byte[] bytes = outer.readAllBytes();
                if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
                    continue;
                }
                try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(
                        new ByteArrayInputStream(bytes)));
                     TarArchiveInputStream layer = new TarArchiveInputStream(in)) {
                    TarArchiveEntry e;
                    while ((e = layer.getNextEntry()) != null) {
                        if (e.getName().replaceFirst("^\\./", "").equals("lib/apk/db/installed")) {
                            parseInstalled(new String(layer.readAllBytes(), StandardCharsets.UTF_8), origins);
                        }
                    }
                }
            }
        }
        return origins;
    }

    private static void parseInstalled(String db, Map<String, String> origins) {
        String name = null;
        for (String line : db.split("\n")) {
            if (line.startsWith("P:")) {
                name = line.substring(2);
            } else if (line.startsWith("o:") && name != null) {
                origins.put(name, line.substring(2));
            } else if (line.isEmpty()) {
                name = null;
            }
        }
    }
}
