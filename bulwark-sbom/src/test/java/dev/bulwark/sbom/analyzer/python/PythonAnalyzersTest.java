package dev.bulwark.sbom.analyzer.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonAnalyzersTest {

    @TempDir
    Path dir;

    @Test
    void installedDistributionsComeFromDistInfoAndEggInfoUnlessDpkgOwnsThem() throws IOException {
        String site = "usr/lib/python3/dist-packages/";
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                .file("var/lib/dpkg/status", "Package: python3-six\nStatus: install ok installed\nVersion: 1.16.0-4\n"
                        + "Architecture: all\nSource: six\n\n")
                .file("var/lib/dpkg/info/python3-six.list", "/" + site + "six-1.16.0.egg-info/PKG-INFO\n")
                .file(site + "six-1.16.0.egg-info/PKG-INFO", "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n")
                .file("app/venv/lib/python3.11/site-packages/Flask_Login-0.6.3.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: Flask-Login\nVersion: 0.6.3\nLicense: MIT\n\nLong text\n")
                .file("app/venv/lib/python3.11/site-packages/broken-1.dist-info/METADATA", "Summary: x\n")
                .build(), "ADD"), dir);
        assertThat(inventory.packages()).extracting(p -> p.type() + " " + p.name() + " " + p.version())
                .containsExactly("DEB python3-six 1.16.0-4", "PYPI Flask-Login 0.6.3");
        assertThat(inventory.packages().get(1).purl()).isEqualTo("pkg:pypi/flask-login@0.6.3");
        assertThat(inventory.packages().get(1).licenses()).containsExactly("MIT");
        assertThat(inventory.warnings()).singleElement().asString().contains("broken-1.dist-info/METADATA");
    }

    @Test
    void sourceTreeLockfilesPinnedRequirementsPoetryAndPipfile() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("requirements.txt"), "# pinned\nrequests[socks]==2.31.0 ; python_version>'3'\n"
                + "flask>=2.0\n-r other.txt\nurllib3==2.0.7  # comment\n");
        Files.writeString(tree.resolve("poetry.lock"), "[[package]]\nname = \"idna\"\nversion = \"3.6\"\n"
                + "description = \"x\"\n\n[package.dependencies]\nfoo = \"*\"\n\n[[package]]\nname = \"certifi\"\n"
                + "version = \"2024.2.2\"\n\n[metadata]\nlock-version = \"2.0\"\n");
        Files.writeString(tree.resolve("Pipfile.lock"), "{\"default\":{\"six\":{\"version\":\"==1.16.0\"}},"
                + "\"develop\":{\"pytest\":{\"version\":\"==8.0.0\"}}}");
        try (Image image = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))).openRootfs(tree)) {
            Inventory inventory = TestScans.scan(image, dir, Analyzers.forDirectories());
            assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " "
                    + p.properties().getOrDefault("dev", "-")).containsExactly("certifi@2024.2.2 -", "idna@3.6 -",
                    "pytest@8.0.0 true", "requests@2.31.0 -", "six@1.16.0 -", "urllib3@2.0.7 -");
        }
    }
}
