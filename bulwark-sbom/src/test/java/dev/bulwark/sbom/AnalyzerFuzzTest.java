package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.Package;
import dev.bulwark.sbom.analyzer.apk.ApkAnalyzer;
import dev.bulwark.sbom.analyzer.cargo.CargoLockAnalyzer;
import dev.bulwark.sbom.analyzer.dotnet.DotnetDepsAnalyzer;
import dev.bulwark.sbom.analyzer.dpkg.DpkgFileListAnalyzer;
import dev.bulwark.sbom.analyzer.dpkg.DpkgStatusAnalyzer;
import dev.bulwark.sbom.analyzer.java.JarAnalyzer;
import dev.bulwark.sbom.analyzer.npm.NpmLockfileAnalyzer;
import dev.bulwark.sbom.analyzer.npm.NpmPackageJsonAnalyzer;
import dev.bulwark.sbom.analyzer.npm.PnpmLockAnalyzer;
import dev.bulwark.sbom.analyzer.npm.YarnLockAnalyzer;
import dev.bulwark.sbom.analyzer.php.ComposerAnalyzer;
import dev.bulwark.sbom.analyzer.python.PythonLockfileAnalyzer;
import dev.bulwark.sbom.analyzer.python.PythonMetadataAnalyzer;
import dev.bulwark.sbom.analyzer.ruby.GemfileLockAnalyzer;
import dev.bulwark.sbom.analyzer.ruby.GemspecAnalyzer;
import dev.bulwark.sbom.os.OsDetector;
import dev.bulwark.sbom.os.OsReleaseAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the package analyzers through their public contract ({@link PackageAnalyzer#analyze}): a malformed file is
 * a warning naming it, never an exception, and every package found has a name and a version. One target per file
 * format (the rarer lockfiles share one); the rpm databases, rpm headers and Go binaries have their own targets beside their parsers.
 */
class AnalyzerFuzzTest {

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void dpkgStatus(byte[] data) throws IOException {
        analyze(new DpkgStatusAnalyzer(), "/var/lib/dpkg/status", data);
    }

    @FuzzTest(maxDuration = "5m")
    void dpkgFileList(byte[] data) throws IOException {
        analyze(new DpkgFileListAnalyzer(), "/var/lib/dpkg/info/libc6:amd64.list", data);
    }

    @FuzzTest(maxDuration = "5m")
    void apkInstalled(byte[] data) throws IOException {
        analyze(new ApkAnalyzer(), "/lib/apk/db/installed", data);
    }

    @FuzzTest(maxDuration = "5m")
    void jarArchive(byte[] data) throws IOException {
        analyze(new JarAnalyzer(), "/app/lib/app-1.0.jar", data);
    }

    /**
     * {@code META-INF/MANIFEST.MF} and {@code pom.properties} text, separated by a line {@code ----}, packed into a
     * real jar, so the fuzzer spends its time on the metadata parsers rather than on zip structure.
     */
    @FuzzTest(maxDuration = "5m")
    void jarMetadata(byte[] data) throws IOException {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\n----\n", 2);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(parts[0].getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.example/app/pom.properties"));
            zip.write((parts.length > 1 ? parts[1] : "").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("org/example/app/Main.class"));
        }
        analyze(new JarAnalyzer(), "/app/app.jar", jar.toByteArray());
    }

    @FuzzTest(maxDuration = "5m")
    void npmPackageJson(byte[] data) throws IOException {
        analyze(new NpmPackageJsonAnalyzer(), "/app/node_modules/left-pad/package.json", data);
    }

    @FuzzTest(maxDuration = "5m")
    void npmPackageLock(byte[] data) throws IOException {
        analyze(NpmLockfileAnalyzer.forSourceTrees(), "/src/app/package-lock.json", data);
        analyze(NpmLockfileAnalyzer.forInstalledTrees(), "/app/package-lock.json", data);
    }

    @FuzzTest(maxDuration = "5m")
    void pythonMetadata(byte[] data) throws IOException {
        analyze(new PythonMetadataAnalyzer(), "/usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA",
                data);
    }

    @FuzzTest(maxDuration = "5m")
    void pythonLockfiles(byte[] data) throws IOException {
        PythonLockfileAnalyzer analyzer = new PythonLockfileAnalyzer();
        analyze(analyzer, "/src/requirements.txt", data);
        analyze(analyzer, "/src/poetry.lock", data);
        analyze(analyzer, "/src/Pipfile.lock", data);
    }

    /**
     * The other lockfile and metadata formats, one input for all: yarn.lock, pnpm-lock.yaml, Cargo.lock, gemspecs,
     * Gemfile.lock, composer.lock and installed.json, .deps.json and packages.lock.json. Coverage guidance keeps
     * what reaches further into any of them.
     */
    @FuzzTest(maxDuration = "5m")
    void otherLockfiles(byte[] data) throws IOException {
        analyze(new YarnLockAnalyzer(), "/src/yarn.lock", data);
        analyze(new PnpmLockAnalyzer(), "/src/pnpm-lock.yaml", data);
        analyze(new CargoLockAnalyzer(), "/src/Cargo.lock", data);
        analyze(new GemspecAnalyzer(), "/usr/lib/ruby/gems/3.2.0/specifications/rack-3.0.8.gemspec", data);
        analyze(new GemfileLockAnalyzer(), "/src/Gemfile.lock", data);
        analyze(ComposerAnalyzer.forLockfiles(), "/src/composer.lock", data);
        analyze(ComposerAnalyzer.forInstalled(), "/app/vendor/composer/installed.json", data);
        analyze(DotnetDepsAnalyzer.forInstalled(), "/app/App.deps.json", data);
        analyze(DotnetDepsAnalyzer.forLockfiles(), "/src/packages.lock.json", data);
    }

    @FuzzTest(maxDuration = "5m")
    void osRelease(byte[] data) throws IOException {
        LayerResult result = analyze(new OsReleaseAnalyzer(), "/etc/os-release", data);
        OsDetector.parseOsRelease(result.releaseFiles().getOrDefault("/etc/os-release", ""));
    }

    /** Runs one analyzer on one file and checks what every consumer of a {@link LayerResult} relies on. */
    static LayerResult analyze(PackageAnalyzer analyzer, String path, byte[] data) throws IOException {
        assertThat(analyzer.accepts(path, 1, 0644)).as("analyzer reads %s", path).isTrue();
        LayerResult.Builder out = LayerResult.builder(path);
        if (!analyzer.accepts(path, data.length, 0644)) {
            return out.build(); // too small or too large for it
        }
        analyzer.analyze(new AnalyzerInput(path, data.length, 0644, new ByteArrayInputStream(data), null, temp), out);
        LayerResult result = out.build();
        for (LayerResult.Found found : result.packages()) {
            Package pkg = found.pkg();
            assertThat(pkg.name()).as("package name in %s", path).isNotBlank();
            assertThat(pkg.version()).as("version of %s in %s", pkg.name(), path).isNotNull();
        }
        return result;
    }
}
