package dev.bulwark.sbom;

import dev.bulwark.sbom.analyzer.apk.ApkAnalyzer;
import dev.bulwark.sbom.analyzer.cargo.CargoAuditableAnalyzer;
import dev.bulwark.sbom.analyzer.cargo.CargoLockAnalyzer;
import dev.bulwark.sbom.analyzer.dotnet.DotnetDepsAnalyzer;
import dev.bulwark.sbom.analyzer.dpkg.DpkgFileListAnalyzer;
import dev.bulwark.sbom.analyzer.dpkg.DpkgStatusAnalyzer;
import dev.bulwark.sbom.analyzer.golang.GoBinaryAnalyzer;
import dev.bulwark.sbom.analyzer.java.JarAnalyzer;
import dev.bulwark.sbom.analyzer.npm.NpmLockfileAnalyzer;
import dev.bulwark.sbom.analyzer.npm.NpmPackageJsonAnalyzer;
import dev.bulwark.sbom.analyzer.npm.PnpmLockAnalyzer;
import dev.bulwark.sbom.analyzer.npm.YarnLockAnalyzer;
import dev.bulwark.sbom.analyzer.php.ComposerAnalyzer;
import dev.bulwark.sbom.analyzer.python.PythonLockfileAnalyzer;
import dev.bulwark.sbom.analyzer.python.PythonMetadataAnalyzer;
import dev.bulwark.sbom.analyzer.rpm.RpmAnalyzer;
import dev.bulwark.sbom.analyzer.ruby.GemfileLockAnalyzer;
import dev.bulwark.sbom.analyzer.ruby.GemspecAnalyzer;
import dev.bulwark.sbom.os.OsReleaseAnalyzer;
import java.util.List;

/** The analyzers Bulwark ships, and the selections a scan uses. */
public final class Analyzers {

    private Analyzers() {
    }

    /** Every analyzer. */
    public static List<PackageAnalyzer> all() {
        return List.of(
                new OsReleaseAnalyzer(),
                new DpkgStatusAnalyzer(),
                new DpkgFileListAnalyzer(),
                new ApkAnalyzer(),
                new RpmAnalyzer(),
                new JarAnalyzer(),
                new NpmPackageJsonAnalyzer(),
                NpmLockfileAnalyzer.forInstalledTrees(),
                NpmLockfileAnalyzer.forSourceTrees(),
                new GoBinaryAnalyzer(),
                new CargoAuditableAnalyzer(),
                new PythonMetadataAnalyzer(),
                new PythonLockfileAnalyzer(),
                new YarnLockAnalyzer(),
                new PnpmLockAnalyzer(),
                new CargoLockAnalyzer(),
                new GemspecAnalyzer(),
                new GemfileLockAnalyzer(),
                ComposerAnalyzer.forInstalled(),
                ComposerAnalyzer.forLockfiles(),
                DotnetDepsAnalyzer.forInstalled(),
                DotnetDepsAnalyzer.forLockfiles());
    }

    /** For images and root filesystems: release files, OS package databases, installed language packages. */
    public static List<PackageAnalyzer> forImages() {
        return all().stream().filter(a -> !a.descriptor().tags().contains(AnalyzerDescriptor.Tag.LOCKFILE))
                .toList();
    }

    /** For a source tree ({@code bulwark fs}): lockfiles and manifests only. */
    public static List<PackageAnalyzer> forDirectories() {
        return all().stream().filter(a -> a.descriptor().tags().contains(AnalyzerDescriptor.Tag.LOCKFILE)).toList();
    }
}
