package dev.bulwark.sbom.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rpm database format, built in code from its on-disk layout, read inside an image. */
class RpmDatabaseFormatsTest {

    static final String OS_RELEASE = "NAME=\"openSUSE Leap\"\nVERSION_ID=\"15.5\"\nID=\"opensuse-leap\"\n";

    @TempDir
    Path dir;

    private Inventory scanWith(String path, byte[] database) throws IOException {
        return scanWith(path, database, new TarBuilder());
    }

    private Inventory scanWith(String path, byte[] database, TarBuilder more) throws IOException {
        return TestScans.scan(new ImageArchiveBuilder().layer(more.file("etc/os-release", OS_RELEASE)
                .file(path, database).build(), "ADD"), dir);
    }

    /** An ndb Packages.db: header page, slots, blobs at 16-byte blocks; slot 3 points past the end of the file. */
    static byte[] ndb(List<byte[]> headers, boolean withBrokenSlot) {
        int pages = 1;
        ByteBuffer file = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0, NdbReader.HEADER_MAGIC).putInt(4, 0).putInt(8, 7).putInt(12, pages);
        for (int slot = 2; slot < NdbReader.PAGE_SIZE / NdbReader.SLOT_SIZE; slot++) {
            file.putInt(slot * NdbReader.SLOT_SIZE, NdbReader.SLOT_MAGIC);
        }
        int block = pages * NdbReader.PAGE_SIZE / NdbReader.BLOCK_SIZE;
        int slot = 2;
        int index = 1;
        for (byte[] header : headers) {
            int blocks = (16 + header.length + 12 + 15) / 16;
            file.putInt(slot * 16 + 4, index).putInt(slot * 16 + 8, block).putInt(slot * 16 + 12, blocks);
            int at = block * 16;
            file.putInt(at, NdbReader.BLOB_MAGIC).putInt(at + 4, index).putInt(at + 8, 0).putInt(at + 12,
                    header.length);
            file.put(at + 16, header);
            block += blocks;
            slot++;
            index++;
        }
        if (withBrokenSlot) {
            file.putInt(slot * 16 + 4, index).putInt(slot * 16 + 8, 1 << 20).putInt(slot * 16 + 12, 4);
        }
        return Arrays.copyOf(file.array(), block * 16);
    }

    @Test
    void readsNdbPackagesDbAndReportsABrokenSlot() throws IOException {
        byte[] db = ndb(List.of(RpmHeaderBlobs.pkg("zypper", null, "1.14.68", "150400.3.3.1").build(),
                RpmHeaderBlobs.pkg("libzypp", 1, "17.31.31", "150400.3.49.1").build()), true);
        Inventory inventory = scanWith("usr/lib/sysimage/rpm/Packages.db", db);
        assertThat(inventory.osPackages()).extracting(p -> p.name() + " " + p.version() + " " + p.sourceName())
                .containsExactly("libzypp 1:17.31.31-150400.3.49.1 libzypp", "zypper 1.14.68-150400.3.3.1 zypper");
        assertThat(inventory.os().family()).isEqualTo("opensuse-leap");
        assertThat(inventory.osPackages().getFirst().purl())
                .isEqualTo("pkg:rpm/opensuse-leap/libzypp@17.31.31-150400.3.49.1?arch=x86_64&distro="
                        + "opensuse-leap-15.5&epoch=1");
        assertThat(inventory.warnings()).singleElement().asString()
                .startsWith("/usr/lib/sysimage/rpm/Packages.db: package 3: blob at byte");
    }

    /**
     * A BerkeleyDB hash file: metadata page, one hash page whose two values live off-page, and overflow pages
     * holding the header blobs in 512-byte pages.
     */
    static byte[] berkeleyDb(List<byte[]> headers) {
        int pageSize = 512;
        List<byte[]> pages = new java.util.ArrayList<>();
        ByteBuffer meta = page(pageSize);
        meta.putInt(12, 0x061561).putInt(16, 9).putInt(20, pageSize).put(25, (byte) 8);
        pages.add(meta.array());
        ByteBuffer hash = page(pageSize);
        hash.putInt(8, 1).put(25, (byte) 13).putShort(20, (short) (2 * headers.size()));
        pages.add(hash.array());
        int itemEnd = pageSize;
        for (int i = 0; i < headers.size(); i++) {
            byte[] blob = headers.get(i);
            int firstOverflow = pages.size();
            for (int off = 0; off < blob.length; off += pageSize - 26) {
                int take = Math.min(pageSize - 26, blob.length - off);
                ByteBuffer overflow = page(pageSize);
                overflow.putInt(8, pages.size()).put(25, (byte) 7).putShort(22, (short) take)
                        .putInt(16, off + take < blob.length ? pages.size() + 1 : 0);
                overflow.put(26, blob, off, take);
                pages.add(overflow.array());
            }
            int keyAt = itemEnd - 5;
            hash.put(keyAt, (byte) 1).putInt(keyAt + 1, i + 1);
            int valueAt = keyAt - 12;
            hash.put(valueAt, (byte) 3).putInt(valueAt + 4, firstOverflow).putInt(valueAt + 8, blob.length);
            hash.putShort(26 + 4 * i, (short) keyAt).putShort(26 + 4 * i + 2, (short) valueAt);
            itemEnd = valueAt;
        }
        meta.putInt(32, pages.size() - 1);
        ByteBuffer file = ByteBuffer.allocate(pages.size() * pageSize);
        pages.forEach(file::put);
        return file.array();
    }

    private static byte[] zipWithPom() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/maven/g/a/pom.properties"));
            zip.write("groupId=g\nartifactId=a\nversion=1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static ByteBuffer page(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsBerkeleyDbHashWithOverflowChains() throws IOException {
        byte[] db = berkeleyDb(List.of(RpmHeaderBlobs.pkg("bash", null, "4.2.46", "30.el7").build(),
                RpmHeaderBlobs.pkg("openssl-libs", 1, "1.0.2k", "12.el7").build()));
        Inventory inventory = scanWith("var/lib/rpm/Packages", db);
        assertThat(inventory.osPackages()).extracting(Package::name, Package::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bash", "4.2.46-30.el7"),
                org.assertj.core.groups.Tuple.tuple("openssl-libs", "1:1.0.2k-12.el7"));
        assertThat(inventory.warnings()).isEmpty();
    }

    @Test
    void truncatedBerkeleyDbPagesGiveAWarningNamingTheFileAndTheIntactPackages() throws IOException {
        byte[] db = berkeleyDb(List.of(RpmHeaderBlobs.pkg("bash", null, "4.2.46", "30.el7").build(),
                RpmHeaderBlobs.pkg("openssl-libs", 1, "1.0.2k", "12.el7").build()));
        byte[] truncated = Arrays.copyOf(db, db.length - 300);
        Inventory inventory = scanWith("var/lib/rpm/Packages", truncated);
        assertThat(inventory.osPackages()).extracting(Package::name).containsExactly("bash");
        assertThat(inventory.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith(
                "/var/lib/rpm/Packages: ")).anySatisfy(w -> assertThat(w).contains("truncated"));
    }

    @Test
    void readsSqliteRpmdbWithoutTouchingTheImagesFile() throws IOException, SQLException {
        Path db = dir.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB "
                    + "NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                insert.setBytes(1, RpmHeaderBlobs.pkg("glibc", null, "2.34", "100.el9").build());
                insert.execute();
                insert.setBytes(1, new byte[] {1, 2, 3});
                insert.execute();
            }
        }
        Inventory inventory = scanWith("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db));
        assertThat(inventory.osPackages()).extracting(Package::name).containsExactly("glibc");
        assertThat(inventory.warnings()).singleElement().asString()
                .startsWith("/var/lib/rpm/rpmdb.sqlite: malformed rpm header skipped");
        assertThat(Files.list(dir.resolve("tmp")).filter(p -> p.getFileName().toString().startsWith("rpmdb-")))
                .as("private copies are deleted").isEmpty();
    }

    @Test
    void filesOwnedByRpmPackagesAreTheirs() throws IOException {
        byte[] db = ndb(List.of(RpmHeaderBlobs.pkg("zypper", null, "1.14.68", "1").build()), false);
        byte[] jar = zipWithPom();
        Inventory inventory = scanWith("var/lib/rpm/Packages.db", db, new TarBuilder()
                .file("usr/share/java/zypper.jar", jar).file("opt/own.jar", jar));
        assertThat(inventory.packages()).extracting(p -> p.type() + " " + p.path()).containsExactly(
                "RPM /var/lib/rpm/Packages.db", "MAVEN /opt/own.jar");
        assertThat(inventory.warnings()).isEmpty();
    }
}
