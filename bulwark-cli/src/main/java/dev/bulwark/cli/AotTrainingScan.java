package dev.bulwark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The scanning half of the AOT training run: imports three advisories into a database and scans a small image built
 * on the spot (an Alpine package database, a jar, an npm package, a file with a credential), once as an OCI archive
 * with a gzip layer and once as a docker-archive, through the real command line, all inside a temporary directory
 * deleted afterwards. A training run that only parses command lines left the classes of image reading, the
 * analyzers, SQLite, matching, secret rules and the report writers to be loaded, linked and profiled at every scan;
 * this way the AOT cache holds them (measured in docs/performance.md).
 */
final class AotTrainingScan {

    private AotTrainingScan() {
    }

    /** Runs the training scans; returns the first non-zero exit code (explained on {@code log}), or 0. */
    static int run(PrintWriter log) throws IOException {
        Path dir = Files.createTempDirectory("bulwark-aot-training-");
        try {
            Path advisories = Files.createDirectories(dir.resolve("osv"));
            writeAdvisories(advisories);
            byte[] layer = layerTar();
            Path oci = dir.resolve("image.oci.tar");
            Files.write(oci, ociArchive(layer));
            Path docker = dir.resolve("image.docker.tar");
            Files.write(docker, dockerArchive(layer));
            String cache = dir.resolve("cache").toString();
            List<String[]> runs = List.of(
                    new String[] {"-q", "--cache-dir", cache, "db", "import", advisories.toString()},
                    new String[] {"-q", "--cache-dir", cache, "image", "--input", oci.toString(), "--scanners",
                        "vuln,secret", "-f", "json", "-o", dir.resolve("report.json").toString()},
                    new String[] {"-q", "--cache-dir", cache, "image", "--input", docker.toString(), "--scanners",
                        "vuln,secret", "-f", "table", "-o", dir.resolve("report.txt").toString()});
            for (String[] args : runs) {
                StringWriter err = new StringWriter();
                CliEnvironment environment = new CliEnvironment(new PrintWriter(new StringWriter()),
                        new PrintWriter(err), Map.of(), dir, false);
                int code = new BulwarkCli(environment).execute(args);
                if (code != ExitCodes.OK) {
                    log.println("aot-training: bulwark " + String.join(" ", args) + " exited " + code + ": " + err);
                    log.flush();
                    return code;
                }
            }
            return ExitCodes.OK;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void writeAdvisories(Path dir) throws IOException {
        Files.writeString(dir.resolve("alpine.json"), """
                {"id": "ALPINE-CVE-2000-0001", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2000-0001"],
                 "affected": [{"package": {"ecosystem": "Alpine:v3.20", "name": "musl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.5-r1"}]}]}]}
                """);
        Files.writeString(dir.resolve("maven.json"), """
                {"id": "GHSA-0000-0000-0001", "modified": "2024-01-01T00:00:00Z", "summary": "training advisory",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.15.0"}]}]}]}
                """);
        Files.writeString(dir.resolve("npm.json"), """
                {"id": "GHSA-0000-0000-0002", "modified": "2024-01-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}
                """);
    }

    private static byte[] layerTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n");
            file(tar, "lib/apk/db/installed", "C:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\nP:musl\nV:1.2.5-r0\nA:x86_64\n"
                    + "L:MIT\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\n");
            file(tar, "app/lib/log4j-core-2.14.1.jar", jar());
            file(tar, "app/node_modules/lodash/package.json",
                    "{\"name\": \"lodash\", \"version\": \"4.17.15\", \"license\": \"MIT\"}\n");
            file(tar, "app/config/deploy.env", "AWS_ACCESS_KEY_ID=AKIA2E0A8F3B244C9986\n"
                    + "AWS_SECRET_ACCESS_KEY=9tRk3vQ8bLm2Zx7Yw4Np6Hs1Jd5Fg0Ca8Ue3Io7P\n");
            file(tar, "app/README.txt", "training\n".repeat(200));
            bulk(tar);
        }
        return bytes.toByteArray();
    }

    /**
     * Volume, so that the loops a real scan spends its time in (inflating, SHA-256 of the layers, tar headers, the
     * secret keyword scan, jar and package.json reading) run long enough in training for their profiles to be
     * stored: 16 MB of text in 400 files, 4 MB of binary-looking files, 40 npm packages and 10 jars. With a cache
     * trained on a real 22 MB image instead of a few kilobytes, a Debian image scan used 14% less CPU.
     */
    private static void bulk(TarArchiveOutputStream tar) throws IOException {
        Random random = new Random(9);
        String[] words = new String[512];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 2 + random.nextInt(8); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder(41_000);
            while (text.length() < 40_000) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
            }
            file(tar, "srv/data/" + (i % 20) + "/record-" + i + ".txt", text.toString());
        }
        for (int i = 0; i < 20; i++) {
            byte[] binary = new byte[200_000];
            random.nextBytes(binary);
            for (int j = 0; j < binary.length; j += 4) {
                binary[j] = 0;
            }
            file(tar, "usr/lib/libtraining" + i + ".so.1", binary);
        }
        for (int i = 0; i < 40; i++) {
            file(tar, "app/node_modules/training-" + i + "/package.json",
                    "{\"name\": \"training-" + i + "\", \"version\": \"1.0." + i + "\", \"license\": \"MIT\"}\n");
        }
        for (int i = 0; i < 10; i++) {
            file(tar, "app/lib/training-" + i + "-1.0.jar", jar());
        }
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nImplementation-Version: 2.14.1\n\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
            zip.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("org/apache/logging/log4j/core/Logger.class"));
            zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        file(tar, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] ociArchive(byte[] layer) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(layer);
        }
        byte[] blob = gz.toByteArray();
        byte[] config = config(layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
                + sha256(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + sha256(blob)
                + "\",\"size\":" + blob.length + "}]}").getBytes(StandardCharsets.UTF_8);
        byte[] index = ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + sha256(manifest)
                + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"training\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
            file(tar, "index.json", index);
            for (byte[] content : List.of(blob, config, manifest)) {
                file(tar, "blobs/sha256/" + sha256(content), content);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] dockerArchive(byte[] layer) throws IOException {
        byte[] config = config(layer);
        String configName = sha256(config) + ".json";
        String layerName = sha256(layer) + "/layer.tar";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"training:1\"],\"Layers\":[\""
                + layerName + "\"]}]").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, layerName, layer);
            file(tar, configName, config);
            file(tar, "manifest.json", manifest);
        }
        return bytes.toByteArray();
    }

    private static byte[] config(byte[] layer) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(layer) + "\"]},"
                + "\"history\":[{\"created_by\":\"COPY . /\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
