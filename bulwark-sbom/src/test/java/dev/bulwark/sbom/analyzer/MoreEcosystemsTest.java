package dev.bulwark.sbom.analyzer;

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

/** Rust, Ruby, PHP, .NET and the other JavaScript lockfiles, each read from a file written as its tool writes it. */
class MoreEcosystemsTest {

    @TempDir
    Path dir;

    private Inventory sourceTree(String... pathsAndContents) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = tree.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        try (Image image = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))).openRootfs(tree)) {
            return TestScans.scan(image, dir, Analyzers.forDirectories());
        }
    }

    @Test
    void readsCargoGemfileComposerNugetYarnAndPnpmLockfiles() throws IOException {
        Inventory inventory = sourceTree(
                "rust/Cargo.lock", "version = 3\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.197\"\n"
                        + "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\n"
                        + "name = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n]\n",
                "ruby/Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.2-x86_64-linux)\n"
                        + "      racc (~> 1.4)\n    racc (1.7.3)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n"
                        + "  nokogiri\n",
                "php/composer.lock", "{\"packages\":[{\"name\":\"monolog/monolog\",\"version\":\"3.5.0\"}],"
                        + "\"packages-dev\":[{\"name\":\"phpunit/phpunit\",\"version\":\"10.5.10\"}]}",
                "dotnet/packages.lock.json", "{\"version\":1,\"dependencies\":{\"net8.0\":{\"Newtonsoft.Json\":"
                        + "{\"type\":\"Direct\",\"requested\":\"[13.0.1, )\",\"resolved\":\"13.0.1\"},\"Lib\":"
                        + "{\"type\":\"Project\"}}}}",
                "js/yarn.lock", "# yarn lockfile v1\n\n\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.22.13\":\n"
                        + "  version \"7.23.5\"\n  resolved \"https://registry.yarnpkg.com/x\"\n\nlodash@^4.17.15:\n"
                        + "  version \"4.17.21\"\n",
                "pn/pnpm-lock.yaml", "lockfileVersion: '6.0'\n\npackages:\n\n  /ms@2.1.3:\n    resolution: {integrity: x}\n"
                        + "    dev: false\n\n  /@types/node@20.11.5(typescript@5.3.3):\n    dev: true\n");
        assertThat(inventory.packages()).extracting(p -> p.type().purlType() + " " + p.name() + "@" + p.version()
                + " " + p.path()).containsExactly(
                "npm @babel/code-frame@7.23.5 /js/yarn.lock", "npm @types/node@20.11.5 /pn/pnpm-lock.yaml",
                "npm lodash@4.17.21 /js/yarn.lock", "npm ms@2.1.3 /pn/pnpm-lock.yaml",
                "cargo app@0.1.0 /rust/Cargo.lock", "cargo serde@1.0.197 /rust/Cargo.lock",
                "gem nokogiri@1.16.2 /ruby/Gemfile.lock", "gem racc@1.7.3 /ruby/Gemfile.lock",
                "composer monolog/monolog@3.5.0 /php/composer.lock", "composer phpunit/phpunit@10.5.10 /php/composer.lock",
                "nuget Newtonsoft.Json@13.0.1 /dotnet/packages.lock.json");
        assertThat(inventory.packages().get(8).purl()).isEqualTo("pkg:composer/monolog/monolog@3.5.0");
    }

    @Test
    void imagesReadInstalledGemspecsComposerAndDotnetDeps() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("usr/local/bundle/specifications/rack-2.2.8.gemspec", "# -*- encoding: utf-8 -*-\n"
                        + "Gem::Specification.new do |s|\n  s.name = \"rack\".freeze\n  s.version = \"2.2.8\"\nend\n")
                .file("var/www/vendor/composer/installed.json", "{\"packages\":[{\"name\":\"guzzlehttp/guzzle\","
                        + "\"version\":\"7.8.1\"}]}")
                .file("app/Api.deps.json", "{\"libraries\":{\"Api/1.0.0\":{\"type\":\"project\"},"
                        + "\"Serilog/3.1.1\":{\"type\":\"package\",\"sha512\":\"x\"}}}")
                .file("app/Gemfile.lock", "GEM\n  specs:\n    rake (13.0.0)\n").build(), "COPY"), dir);
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " " + p.path())
                .containsExactly("rack@2.2.8 /usr/local/bundle/specifications/rack-2.2.8.gemspec",
                        "guzzlehttp/guzzle@7.8.1 /var/www/vendor/composer/installed.json",
                        "Serilog@3.1.1 /app/Api.deps.json");
    }
}
