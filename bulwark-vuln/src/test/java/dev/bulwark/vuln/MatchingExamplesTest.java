package dev.bulwark.vuln;

import static dev.bulwark.core.PackageType.APK;
import static dev.bulwark.core.PackageType.CARGO;
import static dev.bulwark.core.PackageType.DEB;
import static dev.bulwark.core.PackageType.GOLANG;
import static dev.bulwark.core.PackageType.MAVEN;
import static dev.bulwark.core.PackageType.NPM;
import static dev.bulwark.core.PackageType.PYPI;
import static dev.bulwark.core.PackageType.RPM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.FixStatus;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching semantics on the real tricky records of {@code advisories/_examples} (see the corpus README). */
class MatchingExamplesTest {

    private static final OperatingSystem DEBIAN_11 = new OperatingSystem("debian", "11", "bullseye", null, null);
    private static VulnDatabase db;

    @BeforeAll
    static void open() {
        db = VulnDatabase.open(TestDatabases.examples());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    private static List<VulnerabilityFinding> match(OperatingSystem os, Package... packages) {
        return new VulnerabilityMatcher(db).match(os, List.of(packages));
    }

    @Test
    void log4ShellMatchesEachOfItsThreeAffectedEntries() {
        for (String affected : List.of("2.14.1", "2.0-beta9", "2.3", "2.12.1")) {
            List<VulnerabilityFinding> f = match(null,
                    Packages.of(MAVEN, "org.apache.logging.log4j:log4j-core", affected));
            assertThat(f).as(affected).hasSize(1);
            assertThat(f.getFirst().id()).isEqualTo("CVE-2021-44228");
            assertThat(f.getFirst().aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
        }
        for (String safe : List.of("2.15.0", "2.12.2", "2.3.1", "2.13.0-alpha")) {
            assertThat(match(null, Packages.of(MAVEN, "org.apache.logging.log4j:log4j-core", safe))).as(safe)
                    .isEmpty();
        }
    }

    @Test
    void log4ShellFindingCarriesFixSeverityCvssAndKevFlag() {
        VulnerabilityFinding f = match(null,
                Packages.of(MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1")).getFirst();
        assertThat(f.status()).isEqualTo(FixStatus.FIXED);
        assertThat(f.fixedVersions()).containsExactly("2.15.0");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.severitySource()).isEqualTo("ghsa");
        assertThat(f.cvss()).singleElement().satisfies(c -> {
            assertThat(c.version()).isEqualTo("3.1");
            assertThat(c.baseScore()).isEqualTo(10.0);
        });
        assertThat(f.knownExploited()).isTrue();
        assertThat(f.dataSource()).isEqualTo("Maven");
        assertThat(f.cwes()).isNotEmpty();
    }

    @Test
    void debianAdvisoryMatchesBinaryPackageThroughItsSourceAndListsTheDsaId() {
        Package xserver = Packages.withSource(DEB, "xserver-xorg-core", "2:1.20.11-1+deb11u5", "xorg-server",
                null);
        List<VulnerabilityFinding> f = match(DEBIAN_11, xserver);
        assertThat(f).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("CVE-2023-1393");
            assertThat(v.aliases()).containsExactly("DSA-5380-1");
            assertThat(v.fixedVersions()).containsExactly("2:1.20.11-1+deb11u6");
            assertThat(v.dataSource()).isEqualTo("Debian:11");
        });
        Package fixed = Packages.withSource(DEB, "xserver-xorg-core", "2:1.20.11-1+deb11u6", "xorg-server", null);
        assertThat(match(DEBIAN_11, fixed)).isEmpty();
        assertThat(match(new OperatingSystem("debian", "10", "buster", null, null), xserver)).isEmpty();
    }

    @Test
    void alpineMatchesOriginInTheReleaseEcosystemWithApkOrder() {
        OperatingSystem alpine310 = new OperatingSystem("alpine", "3.10.4", null, null, null);
        Package sshClient = Packages.withSource(APK, "openssh-client", "7.4-r0", "openssh", null);
        assertThat(match(alpine310, sshClient)).extracting(VulnerabilityFinding::id)
                .containsExactly("CVE-2016-10009");
        assertThat(match(alpine310, Packages.withSource(APK, "openssh-client", "7.4_p1-r0", "openssh", null)))
                .isEmpty();
        Package jq = Packages.of(APK, "jq", "1.6_rc1-r0");
        assertThat(match(alpine310, jq)).isEmpty();
        assertThat(match(alpine310, Packages.of(APK, "jq", "1.5-r9"))).extracting(VulnerabilityFinding::id)
                .containsExactly("CVE-2016-4074");
        assertThat(match(alpine310, Packages.of(APK, "curl", "7.35.0-r0")).getFirst().aliases())
                .containsExactly("ALPINE-CVE-2014-0138");
    }

    @Test
    void withdrawnRecordsNeverMatch() {
        assertThat(match(null, Packages.of(GOLANG, "k8s.io/kubernetes", "v1.20.0"))).isEmpty();
        assertThat(match(null, Packages.of(PYPI, "arrayfire", "3.0.20150914"))).isEmpty();
        assertThat(match(null, Packages.of(CARGO, "spin", "0.4.0"))).isEmpty();
    }

    @Test
    void goRecordWithSeveralEntriesForOnePackageMatchesBothIntervals() {
        String module = "github.com/sylabs/scs-library-client";
        assertThat(match(null, Packages.of(GOLANG, module, "v1.3.3"))).extracting(VulnerabilityFinding::id)
                .containsExactly("CVE-2022-23538");
        assertThat(match(null, Packages.of(GOLANG, module, "v1.4.1")).getFirst().aliases())
                .containsExactlyInAnyOrder("GO-2023-1497", "GHSA-7p8m-22h4-9pj7");
        assertThat(match(null, Packages.of(GOLANG, module, "v1.3.4"))).isEmpty();
        assertThat(match(null, Packages.of(GOLANG, module, "v1.4.2"))).isEmpty();
    }

    @Test
    void rangeWithoutFixAffectsEveryLaterVersionAndReportsAffectedStatus() {
        VulnerabilityFinding f = match(null, Packages.of(GOLANG, "github.com/pubnub/go/v6", "v6.9.9")).getFirst();
        assertThat(f.id()).isEqualTo("CVE-2023-26154");
        assertThat(f.status()).isEqualTo(FixStatus.AFFECTED);
        assertThat(f.fixedVersions()).isEmpty();
    }

    @Test
    void versionsListAloneAndLastAffectedAreHonoured() {
        assertThat(match(null, Packages.of(PYPI, "gratient", "0.5"))).extracting(VulnerabilityFinding::id)
                .containsExactly("PYSEC-2024-1");
        assertThat(match(null, Packages.of(PYPI, "gratient", "0.6"))).isEmpty();
        assertThat(match(null, Packages.of(PYPI, "py", "1.11.0"))).extracting(VulnerabilityFinding::id)
                .containsExactly("CVE-2022-42969");
        assertThat(match(null, Packages.of(PYPI, "py", "1.11.1"))).isEmpty();
        assertThat(match(null, Packages.of(PYPI, "Beaker", "1.6.4"))).as("PEP 503 name, GIT range skipped")
                .extracting(VulnerabilityFinding::id).containsExactly("CVE-2012-3458");
    }

    @Test
    void cratesZeroPrereleaseIntroducedMatchesEveryVersionBelowTheFix() {
        assertThat(match(null, Packages.of(CARGO, "openssl", "0.8.3"))).extracting(VulnerabilityFinding::id)
                .containsExactly("CVE-2016-10931");
        assertThat(match(null, Packages.of(CARGO, "openssl", "0.9.0"))).isEmpty();
    }

    @Test
    void npmMalwareMatchesTheListedVersionsOnly() {
        assertThat(match(null, Packages.of(NPM, "ua-parser-js", "0.7.29"))).extracting(VulnerabilityFinding::id)
                .containsExactly("GHSA-pjwm-rvh2-c87w");
        assertThat(match(null, Packages.of(NPM, "ua-parser-js", "0.7.28"))).isEmpty();
        assertThat(match(null, Packages.of(NPM, "ua-parser-js", "0.7.30"))).isEmpty();
    }

    @Test
    void wolfiKeepsTheAdvisoryStatusAndNoteForDisplay() {
        OperatingSystem wolfi = new OperatingSystem("wolfi", "20230201", null, null, null);
        VulnerabilityFinding f = match(wolfi, Packages.of(APK, "tealdeer", "1.6.1-r5")).getFirst();
        assertThat(f.id()).isEqualTo("CVE-2024-12224");
        assertThat(f.status()).isEqualTo(FixStatus.AFFECTED);
        assertThat(f.databaseSpecific()).containsKey("CGA-2262-pv3v-4g5m");
        assertThat(match(wolfi, Packages.withSource(APK, "libssl3", "3.3.1-r2", "openssl", null)))
                .extracting(VulnerabilityFinding::fixedVersions).containsExactly(List.of("3.3.1-r3"));
    }

    @Test
    void almaAdvisoryBecomesOneFindingPerCveWithRedHatSeverity() {
        OperatingSystem alma = new OperatingSystem("almalinux", "8.9", null, null, null);
        List<VulnerabilityFinding> f = match(alma, Packages.of(RPM, "java-1.8.0-openjdk",
                "1:1.8.0.392.b08-4.el8"));
        assertThat(f).extracting(VulnerabilityFinding::id).containsExactly("CVE-2024-20918", "CVE-2024-20919",
                "CVE-2024-20921", "CVE-2024-20926", "CVE-2024-20945", "CVE-2024-20952");
        assertThat(f).allSatisfy(v -> {
            assertThat(v.aliases()).containsExactly("ALSA-2024:0265");
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
            assertThat(v.fixedVersions()).containsExactly("1:1.8.0.402.b06-2.el8");
        });
        assertThat(match(alma, Packages.of(RPM, "java-1.8.0-openjdk", "1:1.8.0.402.b06-2.el8"))).isEmpty();
        assertThat(match(alma, Packages.of(RPM, "java-1.8.0-openjdk", "1.8.0.999-1.el8")))
                .as("epoch 0 is below epoch 1").hasSize(6);
    }

    @Test
    void centos8BorrowsAlmaLinuxDataButRockyOrDebianDoNotSeeIt() {
        Package jdk = Packages.of(RPM, "java-1.8.0-openjdk", "1:1.8.0.392.b08-4.el8");
        assertThat(match(new OperatingSystem("centos", "8", null, null, null), jdk)).hasSize(6)
                .allSatisfy(v -> assertThat(v.dataSource()).isEqualTo("AlmaLinux:8"));
        assertThat(match(new OperatingSystem("centos", "7", null, null, null), jdk)).isEmpty();
        assertThat(match(DEBIAN_11, jdk)).isEmpty();
    }

    @Test
    void modularPackagesAreNotComparedWithNonModularFixes() {
        OperatingSystem alma = new OperatingSystem("almalinux", "8", null, null, null);
        Package modular = Packages.withProperties(RPM, "java-1.8.0-openjdk",
                "1:1.8.0.392.b08-4.module_el8.1.0+1+abc", Map.of());
        assertThat(match(alma, modular)).isEmpty();
    }
}
