package dev.bulwark.sbom.os;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.OperatingSystem;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsDetectorTest {

    @TempDir
    Path dir;

    @Test
    void followsTheDebianOsReleaseSymlinkToUsrLib() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"11\"\nVERSION_CODENAME=bullseye\n"
                        + "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\n")
                .symlink("etc/os-release", "../usr/lib/os-release").build(), "ADD"), dir);
        assertThat(inventory.os()).isEqualTo(new OperatingSystem("debian", "11", "bullseye",
                "Debian GNU/Linux 11 (bullseye)", LocalDate.of(2026, 8, 31)));
    }

    @Test
    void laterLayerRewritingOsReleaseWins() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n").build(), "ADD")
                .layer(new TarBuilder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n").build(), "RUN"),
                dir);
        assertThat(inventory.os().versionId()).isEqualTo("3.20.3");
        assertThat(inventory.os().endOfLife()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void fallsBackToDistributionReleaseFiles() {
        OsDetector detector = new OsDetector();
        assertThat(detector.detect(Map.of("/etc/centos-release", "CentOS Linux release 7.5.1804 (Core)\n")))
                .extracting(OperatingSystem::family, OperatingSystem::versionId).containsExactly("centos", "7");
        assertThat(detector.detect(Map.of("/etc/debian_version", "9.11\n")))
                .extracting(OperatingSystem::family, OperatingSystem::versionId).containsExactly("debian", "9");
        assertThat(detector.detect(Map.of("/etc/alpine-release", "3.12.12\n")))
                .extracting(OperatingSystem::family, OperatingSystem::versionId).containsExactly("alpine", "3.12.12");
        assertThat(detector.detect(Map.of("/etc/debian_version", "bookworm/sid\n"))).isNull();
        assertThat(detector.detect(Map.of())).isNull();
    }

    @Test
    void parsesQuotedOsReleaseValues() {
        assertThat(OsDetector.parseOsRelease("# comment\nNAME=\"Fedora Linux\"\nVERSION_ID=40\nX='a b'\n"))
                .containsEntry("NAME", "Fedora Linux").containsEntry("VERSION_ID", "40").containsEntry("X", "a b");
    }
}
