package dev.bulwark.sbom.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RpmHeaderParserTest {

    @Test
    void readsIdentityModularityLabelAndFileListFromBasenamesAndDirnames() throws Exception {
        byte[] blob = RpmHeaderBlobs.pkg("conmon", 2, "2.0.6", "1.module_el8.2.0+305+5e198a41")
                .string(RpmHeaderParser.TAG_MODULARITYLABEL, "container-tools:rhel8:8020020200507003530:0d58ad57")
                .build();
        RpmHeader header = RpmHeaderParser.parse(blob);
        assertThat(header.name()).isEqualTo("conmon");
        assertThat(header.epoch()).isEqualTo(2);
        assertThat(header.release()).isEqualTo("1.module_el8.2.0+305+5e198a41");
        assertThat(header.modularityLabel()).isEqualTo("container-tools:rhel8:8020020200507003530:0d58ad57");
        assertThat(header.files()).containsExactly("/usr/bin/conmon", "/usr/share/java/conmon.jar");
    }

    @Test
    void versionCarriesTheEpochOnlyWhenSetAndSourceComesFromTheSourceRpm() throws Exception {
        var withEpoch = RpmAnalyzer.toPackage(RpmHeaderParser.parse(RpmHeaderBlobs.pkg("bind-license", 32, "9.9.4",
                "61.el7_5.1").build()), dev.bulwark.core.Location.of("/var/lib/rpm/Packages"));
        assertThat(withEpoch.version()).isEqualTo("32:9.9.4-61.el7_5.1");
        assertThat(withEpoch.sourceName()).isEqualTo("bind-license");
        var plain = RpmAnalyzer.toPackage(RpmHeaderParser.parse(RpmHeaderBlobs.pkg("acl", null, "2.2.51", "14.el7")
                .build()), dev.bulwark.core.Location.of("/var/lib/rpm/Packages"));
        assertThat(plain.version()).isEqualTo("2.2.51-14.el7");
        assertThat(plain.properties()).containsEntry("sourcerpm", "acl-2.2.51-14.el7.src.rpm")
                .doesNotContainKey("modularitylabel");
        assertThat(RpmAnalyzer.splitSourceRpm("util-linux-2.32.1-22.el8.src.rpm"))
                .containsExactly("util-linux", "2.32.1", "22.el8");
    }

    @Test
    void truncatedOrCorruptBlobsAreRejectedWithTheReason() {
        byte[] blob = RpmHeaderBlobs.pkg("acl", null, "2.2.51", "14.el7").build();
        assertThatThrownBy(() -> RpmHeaderParser.parse(Arrays.copyOf(blob, blob.length - 10)))
                .hasMessageContaining("truncated");
        byte[] huge = blob.clone();
        huge[0] = 0x7f;
        assertThatThrownBy(() -> RpmHeaderParser.parse(huge)).hasMessageContaining("implausible");
        assertThatThrownBy(() -> RpmHeaderParser.parse(new byte[3])).hasMessageContaining("too short");
    }
}
