package dev.bulwark.sbom.analyzer.apk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApkAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void readsNameVersionArchOriginLicenseAndTheAlpineDistroQualifier() throws IOException {
        String installed = "C:Q1abc=\nP:libcrypto3\nV:3.3.2-r0\nA:x86_64\nS:1\nI:2\nT:Crypto library\n"
                + "U:https://www.openssl.org/\nL:Apache-2.0\no:openssl\nm:maintainer\nF:usr/lib\nR:libcrypto.so.3\n\n"
                + "P:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\no:busybox\nF:bin\nR:busybox\n\n"
                + "P:broken\nA:x86_64\n\n";
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("etc/alpine-release", "3.20.3\n").file("lib/apk/db/installed", installed).build(), "ADD"), dir);
        assertThat(inventory.os().family()).isEqualTo("alpine");
        assertThat(inventory.os().versionId()).isEqualTo("3.20.3");
        Package crypto = inventory.osPackages().stream().filter(p -> p.name().equals("libcrypto3")).findFirst()
                .orElseThrow();
        assertThat(crypto.sourceName()).isEqualTo("openssl");
        assertThat(crypto.licenses()).containsExactly("Apache-2.0");
        assertThat(crypto.purl()).isEqualTo("pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=3.20.3");
        assertThat(inventory.osPackages()).hasSize(2);
        assertThat(inventory.warnings()).singleElement().asString()
                .startsWith("/lib/apk/db/installed: line").contains("without V (version)");
    }
}
