package dev.bulwark.testkit;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Hostile images built in code, one method per attack, each written lazily into the directory given to the
 * constructor (a {@code @TempDir}): entry names that climb out ({@code ../}, absolute), symlinks and hardlinks that
 * aim at files of the host, whiteouts of {@code ..}, devices, setuid files, files that claim 10 GiB, decompression
 * bombs (gzip, zstd, whole archives, jars), a million entries, 4096-level paths, 64 Ki-character names, duplicate
 * entries, index cycles, wrong digests, 10^6-deep JSON and YAML alias bombs. Big cases are streamed to disk, never
 * held in memory.
 *
 * <p>The host files the links aim at are the <em>sentinels</em> in {@link #sentinelDir()}: a package database
 * ({@value #SENTINEL_PACKAGE}), an os-release ({@value #SENTINEL_OS}), a secret, a Dockerfile and a package.json.
 * Any of their names in a scan's output means the scanner read outside the image; {@link #sentinelsInside()} holds
 * the same files inside an image, to show the scanners would report them.
 */
public final class MaliciousImages {

    /** The package name in the sentinel package database and package.json. */
    public static final String SENTINEL_PACKAGE = "sentinel-pkg";
    /** The distribution id in the sentinel os-release. */
    public static final String SENTINEL_OS = "sentinelos";
    /** A fake GitHub token (no real secret) in the sentinel {@code secret.env}. */
    public static final String SENTINEL_TOKEN = "ghp_" + "S3nT1nELs3nt1n3LxS3nT1nELs3nt1n3Lx99";

    /** 10 GiB: the size the "huge file" cases claim. */
    public static final long TEN_GIB = 10L << 30;

    private static final int ZERO_CHUNK = 64 << 20;

    private final Path dir;

    public MaliciousImages(Path dir) {
        this.dir = dir;
    }

    // ---------------------------------------------------------------------------------------------- sentinels

    /** Files outside any image, which hostile links aim at; created on first use. */
    public Path sentinelDir() {
        Path sentinels = dir.resolve("outside");
        if (!Files.isDirectory(sentinels)) {
            try {
                Files.createDirectories(sentinels.resolve("lib/apk/db"));
                Files.writeString(sentinels.resolve("os-release"), "ID=" + SENTINEL_OS + "\nVERSION_ID=6.6.6\n");
                Files.writeString(sentinels.resolve("lib/apk/db/installed"), apkDatabase());
                Files.writeString(sentinels.resolve("secret.env"), "GITHUB_TOKEN=" + SENTINEL_TOKEN + "\n");
                Files.writeString(sentinels.resolve("Dockerfile"), "FROM " + SENTINEL_OS + ":latest\nUSER root\n");
                Files.writeString(sentinels.resolve("package.json"), "{\"name\":\"" + SENTINEL_PACKAGE
                        + "-npm\",\"version\":\"6.6.6\"}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sentinels;
    }

    private static String apkDatabase() {
        return "P:" + SENTINEL_PACKAGE + "\nV:6.6.6-r0\nA:x86_64\no:" + SENTINEL_PACKAGE + "\nL:MIT\n\n";
    }

    /** The absolute path of a sentinel file, without its leading '/'. */
    private String sentinel(String name) {
        return sentinelDir().toAbsolutePath().resolve(name).toString().substring(1);
    }

    /** Climbs far above any root: {@code ../} repeated. */
    private static String up() {
        return "../".repeat(24);
    }

    /** Control: the sentinel files as real files inside an image, at the paths the link cases use. */
    public Path sentinelsInside() {
        return docker("sentinels-inside", new TarBuilder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("lib/apk/db/installed", apkDatabase())
                .file("app/.env", "GITHUB_TOKEN=" + SENTINEL_TOKEN + "\n")
                .file("app/Dockerfile", "FROM " + SENTINEL_OS + ":latest\nUSER root\n")
                .file("app/node_modules/sentinel/package.json", "{\"name\":\"" + SENTINEL_PACKAGE
                        + "-npm\",\"version\":\"6.6.6\"}")
                .build());
    }

    // ---------------------------------------------------------------------------------------------- names

    /** A layer entry {@code ../../outside/planted} that would land next to the sentinels on extraction. */
    public Path dotDotEntry() {
        return docker("dotdot", new TarBuilder().file("etc/os-release", "ID=alpine\n")
                .file("../../outside/planted", "planted by the image\n").build());
    }

    /** A layer entry with an absolute name pointing into the sentinel directory. */
    public Path absoluteEntry() {
        return docker("absolute", new TarBuilder()
                .file("/" + sentinel("planted"), "planted by the image\n").build());
    }

    // ---------------------------------------------------------------------------------------------- links

    /**
     * Symlinks at the paths analyzers read, aimed straight at the sentinels: absolute host paths and relative
     * paths climbing above the root.
     */
    public Path symlinksToHostFiles() {
        return docker("symlink-direct", new TarBuilder()
                .dir("etc").dir("lib/apk/db").dir("app/node_modules/sentinel")
                .symlink("etc/os-release", "/" + sentinel("os-release"))
                .symlink("lib/apk/db/installed", up() + sentinel("lib/apk/db/installed"))
                .symlink("app/.env", "/" + sentinel("secret.env"))
                .symlink("app/Dockerfile", up() + sentinel("Dockerfile"))
                .symlink("app/node_modules/sentinel/package.json", "/" + sentinel("package.json"))
                .build());
    }

    /**
     * Directories replaced by symlinks to the sentinel directory ({@code etc}, {@code lib}, {@code app}), then a
     * second layer that writes files through them, as an extractor following links would do on the host.
     */
    public Path symlinksThroughParentDirectories() {
        byte[] links = new TarBuilder()
                .symlink("etc", "/" + sentinel(""))
                .symlink("lib", up() + sentinel("lib"))
                .symlink("app", up() + sentinel(""))
                .build();
        byte[] through = new TarBuilder()
                .file("app/written-through-link", "written through a symlinked directory\n")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .build();
        return new ImageArchiveBuilder().layer(links, "ADD links /").layer(through, "ADD through /")
                .writeDockerArchive(dir.resolve("symlink-parent.tar"), "symlink-parent:1", false);
    }

    /** Hardlinks whose targets are symlinks to the sentinels (a chain: hardlink -> symlink -> host file). */
    public Path hardlinksToSymlinks() {
        return docker("hardlink-symlink", new TarBuilder()
                .dir("links").dir("etc").dir("lib/apk/db").dir("app")
                .symlink("links/os", "/" + sentinel("os-release"))
                .symlink("links/db", up() + sentinel("lib/apk/db/installed"))
                .symlink("links/env", "/" + sentinel("secret.env"))
                .symlink("links/dockerfile", up() + sentinel("Dockerfile"))
                .hardlink("etc/os-release", "links/os")
                .hardlink("lib/apk/db/installed", "links/db")
                .hardlink("app/.env", "links/env")
                .hardlink("app/Dockerfile", "links/dockerfile")
                .build());
    }

    /** A whiteout of {@code ..} ({@code etc/.wh...}), which would delete the parent of {@code etc}. */
    public Path whiteoutOfDotDot() {
        byte[] base = new TarBuilder().file("etc/os-release", "ID=alpine\n").build();
        byte[] whiteout = new TarBuilder().file("etc/.wh...", new byte[0]).build();
        return new ImageArchiveBuilder().layer(base, "ADD base /").layer(whiteout, "RUN rm")
                .writeDockerArchive(dir.resolve("whiteout-dotdot.tar"), "whiteout:1", false);
    }

    // ---------------------------------------------------------------------------------------------- special files

    /** Character and block devices (one at the path of the apk database) and a FIFO. */
    public Path deviceFiles() {
        return docker("devices", new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .dir("lib/apk/db").charDevice("dev/null", 1, 3).charDevice("dev/mem", 1, 1)
                .charDevice("lib/apk/db/installed", 1, 1).blockDevice("dev/sda", 8, 0).fifo("app/pipe").build());
    }

    /** setuid, setgid and sticky files and directories, world-writable. */
    public Path setuidFiles() {
        return docker("setuid", new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("usr/bin/su", bytes("#!/bin/sh\n"), 04755).file("usr/bin/wall", bytes("#!/bin/sh\n"), 02755)
                .file("usr/bin/all", bytes("#!/bin/sh\n"), 07777).build());
    }

    // ---------------------------------------------------------------------------------------------- sizes

    /** A tar header claiming a 10 GiB file followed by only 1 MiB of data: the stream ends early. */
    public Path claimedHugeFile() {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(gnuHeader("app/huge.bin", '0', TEN_GIB, 0, 0));
        tar.writeBytes(new byte[1 << 20]);
        return docker("claimed-huge", tar.toByteArray());
    }

    /**
     * Real GNU sparse entries whose expanded size is 10 GiB, stored in a few hundred bytes, at paths the analyzers
     * and the secret scanner read (a jar, a package.json, an executable, a {@code .env}).
     */
    public Path sparseHugeFiles() {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] osRelease = "ID=alpine\nVERSION_ID=3.20.3\n".getBytes(StandardCharsets.UTF_8);
        tar.writeBytes(gnuHeader("etc/os-release", '0', osRelease.length, 0644, 0));
        tar.writeBytes(padded(osRelease));
        for (String name : new String[] {"app/app.jar", "app/node_modules/x/package.json", "usr/bin/tool",
                "app/.env", "lib/apk/db/installed"}) {
            tar.writeBytes(sparseEntry(name, TEN_GIB, name.startsWith("usr/bin") ? 0755 : 0644));
        }
        tar.writeBytes(new byte[1024]);
        return docker("sparse-huge", tar.toByteArray());
    }

    /** An OCI layout whose one gzip layer expands 10 GiB of zeros from about 10 MiB (> 1000:1). */
    public Path gzipBomb() {
        Path layout = dir.resolve("gzip-bomb");
        if (Files.exists(layout)) {
            return layout;
        }
        byte[] zeros = gzip(new byte[ZERO_CHUNK]);
        return new StreamedLayout(layout).layer("+gzip", fakeDiffId(), out -> {
            out.write(gzip(gnuHeader("zeros", '0', TEN_GIB, 0644, 0)));
            for (long n = 0; n < TEN_GIB; n += ZERO_CHUNK) {
                out.write(zeros);
            }
        }).write("1", null);
    }

    /** An OCI layout whose one zstd layer expands 10 GiB of zeros from a few hundred KiB. */
    public Path zstdBomb() {
        Path layout = dir.resolve("zstd-bomb");
        if (Files.exists(layout)) {
            return layout;
        }
        byte[] zeros = Zstd.compress(new byte[ZERO_CHUNK], 3);
        return new StreamedLayout(layout).layer("+zstd", fakeDiffId(), out -> {
            out.write(Zstd.compress(gnuHeader("zeros", '0', TEN_GIB, 0644, 0), 3));
            for (long n = 0; n < TEN_GIB; n += ZERO_CHUNK) {
                out.write(zeros);
            }
        }).write("1", null);
    }

    /** A docker-archive gzip'ed as a whole whose layer member is 10 GiB of zeros (the archive is ~10 MiB). */
    public Path gzipArchiveBomb() {
        Path file = dir.resolve("archive-bomb.tar.gz");
        if (Files.exists(file)) {
            return file;
        }
        byte[] zeros = gzip(new byte[ZERO_CHUNK]);
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"bomb:1\"],\"Layers\":[\"layer.tar\"]}]";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(gnuHeader("manifest.json", '0', manifest.length(), 0644, 0));
        head.writeBytes(padded(manifest.getBytes(StandardCharsets.UTF_8)));
        head.writeBytes(gnuHeader("layer.tar", '0', TEN_GIB, 0644, 0));
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(head.toByteArray()));
            for (long n = 0; n < TEN_GIB; n += ZERO_CHUNK) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** An OCI layout whose one gzip layer holds a million empty files (streamed; the diffID is computed). */
    public Path millionEmptyFiles() {
        Path layout = dir.resolve("million-files");
        if (Files.exists(layout)) {
            return layout;
        }
        MessageDigest diff = StreamedLayout.sha256();
        StreamedLayout streamed = new StreamedLayout(layout).layer("+gzip", null, out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, diff))) {
                for (int i = 0; i < 1_000_000; i++) {
                    TarArchiveEntry entry = new TarArchiveEntry(String.format("f/%03d/%04d", i / 10_000, i % 10_000));
                    entry.setSize(0);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
        });
        return streamed.withDiffIdOfLastLayer("sha256:" + HexFormat.of().formatHex(diff.digest())).write("1", null);
    }

    /** Directories nested {@code levels} deep ({@code d/d/d/...}), with a file at the bottom. */
    public Path deepDirectories(int levels) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            path.append("d/");
            tar.writeBytes(paxNamed(path.toString(), '5', new byte[0]));
        }
        tar.writeBytes(paxNamed(path + "bottom", '0', bytes("deep\n")));
        tar.writeBytes(new byte[1024]);
        return docker("deep-dirs-" + levels, tar.toByteArray());
    }

    /** A file whose name is {@code length} characters long (written as a PAX path record). */
    public Path longFileName(int length) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(paxNamed("n".repeat(length), '0', bytes("long\n")));
        tar.writeBytes(new byte[1024]);
        return docker("long-name-" + length, tar.toByteArray());
    }

    /**
     * The same paths twice in one layer with different content: the apk database (first says {@code first-pkg},
     * then {@code second-pkg}) and a file that is first a directory, then a regular file.
     */
    public Path duplicateEntries() {
        return docker("duplicates", new TarBuilder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("lib/apk/db/installed", "P:first-pkg\nV:1.0-r0\nA:x86_64\no:first-pkg\n\n")
                .dir("app/thing").file("app/thing/inside", "in the directory\n")
                .file("lib/apk/db/installed", "P:second-pkg\nV:2.0-r0\nA:x86_64\no:second-pkg\n\n")
                .file("app/thing", "now a file\n")
                .build());
    }

    // ---------------------------------------------------------------------------------------------- metadata

    /**
     * An OCI layout whose index.json points at an index blob that lists itself (a cycle: only possible with a blob
     * stored under a digest that is not its own).
     */
    public Path indexCycle() {
        Path layout = dir.resolve("index-cycle");
        if (Files.exists(layout)) {
            return layout;
        }
        new ImageArchiveBuilder().layer(new TarBuilder().file("a", "a").build(), "ADD a /")
                .writeOciLayout(layout, "1", true);
        try {
            String self = "sha256:" + "c".repeat(64);
            String other = "sha256:" + "d".repeat(64);
            Files.writeString(layout.resolve("blobs/sha256/" + "c".repeat(64)), indexListing(other));
            Files.writeString(layout.resolve("blobs/sha256/" + "d".repeat(64)), indexListing(self));
            Files.writeString(layout.resolve("index.json"), indexListing(self));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout;
    }

    private static String indexListing(String digest) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + digest
                + "\",\"size\":200,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
    }

    /** An OCI layout whose layer blob was replaced by other content (its digest no longer matches). */
    public Path wrongLayerDigest() {
        return tampered("wrong-layer-digest", Tamper.LAYER_BLOB);
    }

    /** An OCI layout whose config blob was replaced by other content (its digest no longer matches). */
    public Path wrongConfigDigest() {
        return tampered("wrong-config-digest", Tamper.CONFIG_BLOB);
    }

    /** An OCI layout whose manifest blob was replaced by other content (its digest no longer matches). */
    public Path wrongManifestDigest() {
        return tampered("wrong-manifest-digest", Tamper.MANIFEST_BLOB);
    }

    /** A docker-archive whose config claims a diffID that the layer does not have. */
    public Path wrongDiffId() {
        Path file = dir.resolve("wrong-diffid.tar");
        if (Files.exists(file)) {
            return file;
        }
        byte[] layer = new TarBuilder().file("etc/os-release", "ID=alpine\n").build();
        String config = new ImageArchiveBuilder().layer(layer, "ADD /").config()
                .replace(ImageArchiveBuilder.sha256(layer), fakeDiffId());
        TarBuilder tar = new TarBuilder().file("layer.tar", layer).file("config.json", config)
                .file("manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"diff:1\"],"
                        + "\"Layers\":[\"layer.tar\"]}]");
        write(file, tar.build());
        return file;
    }

    private enum Tamper { LAYER_BLOB, CONFIG_BLOB, MANIFEST_BLOB }

    private Path tampered(String name, Tamper what) {
        Path layout = dir.resolve(name);
        if (Files.exists(layout)) {
            return layout;
        }
        new ImageArchiveBuilder().layer(new TarBuilder().file("etc/os-release", "ID=alpine\n").build(), "ADD /")
                .writeOciLayout(layout, "1", true);
        try {
            String index = Files.readString(layout.resolve("index.json"));
            String manifestDigest = index.replaceAll("(?s).*\"digest\":\"sha256:([0-9a-f]{64})\".*", "$1");
            Path manifest = layout.resolve("blobs/sha256/" + manifestDigest);
            String manifestJson = Files.readString(manifest);
            String configDigest = manifestJson.replaceAll("(?s).*\"config\":\\{[^}]*\"digest\":\"sha256:([0-9a-f]{64})\""
                    + ".*", "$1");
            String layerDigest = manifestJson.replaceAll("(?s).*\"layers\":\\[\\{[^}]*\"digest\":\"sha256:"
                    + "([0-9a-f]{64})\".*", "$1");
            switch (what) {
                case LAYER_BLOB -> Files.write(layout.resolve("blobs/sha256/" + layerDigest), TarBuilder.gzip(
                        new TarBuilder().file("etc/os-release", "ID=" + SENTINEL_OS + "\n").build()));
                case CONFIG_BLOB -> Files.writeString(layout.resolve("blobs/sha256/" + configDigest),
                        Files.readString(layout.resolve("blobs/sha256/" + configDigest))
                                .replace("\"User\":\"\"", "\"User\":\"" + SENTINEL_OS + "\""));
                case MANIFEST_BLOB -> Files.writeString(manifest, manifestJson.replace("\"schemaVersion\":2",
                        "\"schemaVersion\":2,\"annotations\":{\"x\":\"" + SENTINEL_OS + "\"}"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout;
    }

    // ---------------------------------------------------------------------------------------------- documents

    /** {@code depth} nested JSON arrays: {@code [[[...]]]}. */
    public static String deepJson(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** The "billion laughs": nine levels of nine aliases each, 9^9 strings once expanded. */
    public static String yamlAliasBomb() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n");
        yaml.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String prev = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(",",
                    java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        yaml.append("data:\n  boom: *i\n");
        return yaml.toString();
    }

    /** An OCI layout whose image config is {@code depth} nested arrays deep (valid digests). */
    public Path deepJsonConfig(int depth) {
        Path layout = dir.resolve("deep-config-" + depth);
        if (Files.exists(layout)) {
            return layout;
        }
        byte[] layer = new TarBuilder().file("a", "a").build();
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + ImageArchiveBuilder.sha256(layer) + "\"]},\"config\":{\"Env\":" + deepJson(depth) + "}}";
        return new StreamedLayout(layout).layer("", ImageArchiveBuilder.sha256(layer), out -> out.write(layer))
                .write("1", config.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An image whose files are hostile documents for the analyzers and the misconfiguration scanner: a
     * {@code depth}-deep package.json and package-lock.json, a deep JSON Kubernetes manifest and a YAML alias bomb
     * manifest, next to one sound package so the scan has something to report.
     */
    public Path hostileDocuments(int depth) {
        String deep = deepJson(depth);
        return docker("documents-" + depth, new TarBuilder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\n")
                .file("app/node_modules/deep/package.json", deep)
                .file("app/package-lock.json", deep)
                .file("app/deploy/deep.json", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":" + deep + "}")
                .file("app/deploy/bomb.yaml", yamlAliasBomb())
                .build());
    }

    // ---------------------------------------------------------------------------------------------- jars

    /**
     * A jar bomb: a Spring Boot style jar whose nested {@code BOOT-INF/lib/zeros.jar} is 256 MiB of zeros deflated
     * to about 250 KiB (over 1000:1), after 16 stored inner jars that each hold another such entry.
     */
    public Path jarZipBomb() {
        Path file = dir.resolve("jar-bomb.tar");
        if (Files.exists(file)) {
            return file;
        }
        byte[] inner = deflatedZeros("zeros.bin", 256L << 20);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(outer)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nImplementation-Title: bomb\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < 16; i++) {
                zip.putNextEntry(stored("BOOT-INF/lib/inner-" + i + ".jar", inner));
                zip.write(inner);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("BOOT-INF/lib/zeros.jar"));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dockerFile(file, new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("app/bomb.jar", outer.toByteArray()).build());
    }

    /**
     * A jar holding a jar holding a jar ... {@code levels} deep; level {@code k} has the pom.properties of
     * {@code nest:level-k:1.0.k}.
     */
    public Path nestedJars(int levels) {
        byte[] jar = null;
        for (int level = levels - 1; level >= 0; level--) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("META-INF/maven/nest/level-" + level + "/pom.properties"));
                zip.write(("groupId=nest\nartifactId=level-" + level + "\nversion=1.0." + level + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                if (jar != null) {
                    zip.putNextEntry(stored("lib/level-" + (level + 1) + ".jar", jar));
                    zip.write(jar);
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jar = bytes.toByteArray();
        }
        return docker("nested-jars-" + levels, new TarBuilder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n").file("app/level-0.jar", jar).build());
    }

    private static ZipEntry stored(String name, byte[] data) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        return entry;
    }

    /** A zip with one deflated entry of {@code size} zeros, written with a data descriptor (size not in header). */
    private static byte[] deflatedZeros(String name, long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            byte[] chunk = new byte[1 << 20];
            for (long n = 0; n < size; n += chunk.length) {
                zip.write(chunk);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Path docker(String name, byte[] layer) {
        Path file = dir.resolve(name + ".tar");
        return Files.exists(file) ? file : dockerFile(file, layer);
    }

    private static Path dockerFile(Path file, byte[] layer) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString().replace(".tar", "");
        return new ImageArchiveBuilder().layer(layer, "ADD " + name + " /")
                .writeDockerArchive(file, name + ":1", false);
    }

    private static void write(Path file, byte[] data) {
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String fakeDiffId() {
        return "sha256:" + "e".repeat(64);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] padded(byte[] data) {
        byte[] out = new byte[(data.length + 511) / 512 * 512];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    /**
     * A GNU tar header written by hand (the archivers check sizes against the data written, which these cases
     * must not have): sizes up to 12 octal digits, so 10 GiB fits.
     */
    static byte[] gnuHeader(String name, char type, long size, int mode, long ignored) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, String.format("%07o", mode));
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%012o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar  ");
        return checksummed(h);
    }

    /**
     * An old-GNU sparse entry ({@code 'S'}): {@code realSize} bytes of which only the last 4 are stored
     * ({@code PK\3\4}, so it even starts to look like a zip at its end).
     */
    static byte[] sparseEntry(String name, long realSize, int mode) {
        byte[] h = gnuHeader(name, 'S', 4, mode, 0);
        put(h, 386, String.format("%012o", realSize - 4));
        put(h, 398, String.format("%012o", 4));
        put(h, 483, String.format("%012o", realSize));
        byte[] data = new byte[512];
        put(data, 0, "PK\u0003\u0004");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(checksummed(h));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * An entry whose name is carried by a PAX {@code path} record (written by hand: the archiver's own name
     * handling is quadratic in the name's length).
     */
    static byte[] paxNamed(String name, char type, byte[] content) {
        String record = "path=" + name + "\n";
        int length = record.length() + 1;
        while (Integer.toString(length).length() + 1 + record.length() != length) {
            length = Integer.toString(length).length() + 1 + record.length();
        }
        byte[] pax = bytes(length + " " + record);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(posix(gnuHeader("PaxHeader/entry", 'x', pax.length, 0644, 0)));
        out.writeBytes(padded(pax));
        out.writeBytes(posix(gnuHeader(type == '5' ? "long/" : "long", type, content.length, 0755, 0)));
        out.writeBytes(padded(content));
        return out.toByteArray();
    }

    /** Turns a GNU header into a POSIX ustar one (magic and version), re-checksummed. */
    private static byte[] posix(byte[] header) {
        put(header, 257, "ustar\u000000");
        return checksummed(header);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static byte[] checksummed(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** Keeps the blob file open when the compressor closes (the layout writer closes it). */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
