package dev.bulwark.sbom.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmAnalyzersTest {

    static final String LOCK_V3 = """
            {"name": "shop", "version": "1.0.0", "lockfileVersion": 3, "packages": {
              "": {"name": "shop", "version": "1.0.0", "dependencies": {"express": "^4.16.0", "@types/node": "*"}},
              "node_modules/express": {"version": "4.16.0", "dependencies": {"depd": "~1.1.1"}},
              "node_modules/depd": {"version": "1.1.2"},
              "node_modules/express/node_modules/depd": {"version": "1.1.1"},
              "node_modules/@types/node": {"version": "20.1.0", "dev": true}
            }}""";

    @TempDir
    Path dir;

    @Test
    void installedPackagesComeFromPackageJsonAndTheLockfileAddsTheirRelationships() throws IOException {
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder().layer(new TarBuilder()
                .file("srv/package.json", "{\"name\": \"shop\", \"version\": \"1.0.0\", \"license\": \"MIT\"}")
                .file("srv/package-lock.json", LOCK_V3)
                .file("srv/node_modules/express/package.json", "{\"name\":\"express\",\"version\":\"4.16.0\","
                        + "\"license\":{\"type\":\"MIT\"}}")
                .file("srv/node_modules/depd/package.json", "{\"name\":\"depd\",\"version\":\"1.1.2\"}")
                .file("srv/node_modules/express/node_modules/depd/package.json",
                        "{\"name\":\"depd\",\"version\":\"1.1.1\"}")
                .file("srv/node_modules/@types/node/package.json", "{\"name\":\"@types/node\",\"version\":\"20.1.0\"}")
                .file("srv/node_modules/express/lib/package.json", "{\"type\": \"commonjs\"}").build(), "COPY"),
                dir);
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " " + p.path())
                .containsExactly("@types/node@20.1.0 /srv/node_modules/@types/node/package.json",
                        "depd@1.1.1 /srv/node_modules/express/node_modules/depd/package.json",
                        "depd@1.1.2 /srv/node_modules/depd/package.json",
                        "express@4.16.0 /srv/node_modules/express/package.json", "shop@1.0.0 /srv/package.json");
        assertThat(inventory.packages().getFirst().purl()).isEqualTo("pkg:npm/%40types/node@20.1.0");
        assertThat(inventory.packages().get(3).licenses()).containsExactly("MIT");
        assertThat(inventory.relationships()).extracting(r -> name(r.parent()) + " -> " + name(r.child()))
                .containsExactlyInAnyOrder("shop@1.0.0 -> express@4.16.0", "shop@1.0.0 -> @types/node@20.1.0",
                        "express@4.16.0 -> depd@1.1.1");
    }

    private static String name(String key) {
        int hash = key.indexOf('#');
        return key.substring("npm:".length(), hash < 0 ? key.length() : hash);
    }

    @Test
    void sourceTreeLockfilesV3AndV1ListEveryLockedPackage() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("a"));
        Files.createDirectories(tree.resolve("b"));
        Files.writeString(tree.resolve("a/package-lock.json"), LOCK_V3);
        Files.writeString(tree.resolve("b/package-lock.json"), """
                {"name": "legacy", "version": "0.1.0", "lockfileVersion": 1, "dependencies": {
                  "minimist": {"version": "1.2.0"},
                  "mkdirp": {"version": "0.5.1", "requires": {"minimist": "0.0.8"},
                             "dependencies": {"minimist": {"version": "0.0.8"}}}
                }}""");
        Inventory inventory;
        try (Image image = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))).openRootfs(tree)) {
            inventory = TestScans.scan(image, dir, Analyzers.forDirectories());
        }
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " " + p.path() + " "
                + p.properties().getOrDefault("dev", "-")).containsExactly(
                "@types/node@20.1.0 /a/package-lock.json true", "depd@1.1.1 /a/package-lock.json -",
                "depd@1.1.2 /a/package-lock.json -", "express@4.16.0 /a/package-lock.json -",
                "legacy@0.1.0 /b/package-lock.json -", "minimist@0.0.8 /b/package-lock.json -",
                "minimist@1.2.0 /b/package-lock.json -", "mkdirp@0.5.1 /b/package-lock.json -",
                "shop@1.0.0 /a/package-lock.json -");
        assertThat(inventory.relationships()).extracting(r -> name(r.parent()) + " -> " + name(r.child()))
                .contains("mkdirp@0.5.1 -> minimist@0.0.8", "express@4.16.0 -> depd@1.1.1")
                ;
        assertThat(inventory.relationships()).extracting(Relationship::type).containsOnly(
                Relationship.Type.DEPENDS_ON);
    }

    @Test
    void brokenLockfileIsAWarning() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(tree.resolve("package-lock.json"), "{\"packages\": {");
        try (Image image = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))).openRootfs(tree)) {
            Inventory inventory = TestScans.scan(image, dir, Analyzers.forDirectories());
            assertThat(inventory.packages()).isEmpty();
            assertThat(inventory.warnings()).singleElement().asString()
                    .startsWith("/package-lock.json: not valid JSON");
        }
    }

}
