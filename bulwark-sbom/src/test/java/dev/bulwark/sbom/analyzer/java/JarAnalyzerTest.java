package dev.bulwark.sbom.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarAnalyzerTest {

    @TempDir
    Path dir;

    private Inventory scan(TarBuilder layer) throws IOException {
        return TestScans.scan(new ImageArchiveBuilder().layer(layer.build(), "COPY"), dir);
    }

    static String sha1(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    @Test
    void shadedJarYieldsEveryMergedArtifactAtTheJarsPath() throws Exception {
        byte[] jar = new Jars().manifest("Main-Class: app.Main").pom("org.example", "uber", "2.0")
                .pom("org.yaml", "snakeyaml", "1.26").pom("org.apache.commons", "commons-text", "1.9")
                .text("app/Main.class", "x").build();
        Inventory inventory = scan(new TarBuilder().file("app/uber-2.0.jar", jar));
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " " + p.path())
                .containsExactly("org.apache.commons:commons-text@1.9 /app/uber-2.0.jar",
                        "org.example:uber@2.0 /app/uber-2.0.jar", "org.yaml:snakeyaml@1.26 /app/uber-2.0.jar");
        Package uber = inventory.packages().get(1);
        assertThat(uber.properties()).containsEntry("sha1", sha1(jar));
        assertThat(uber.purl()).isEqualTo("pkg:maven/org.example/uber@2.0");
        assertThat(inventory.relationships()).hasSize(2).allSatisfy(r -> {
            assertThat(r.parent()).isEqualTo(Inventory.key(uber));
            assertThat(r.type()).isEqualTo(Relationship.Type.CONTAINS);
        });
    }

    @Test
    void readsNestedJarsThreeLevelsDeepWithFullPathsAndTheirOwnSha1() throws Exception {
        byte[] innermost = new Jars().pom("org.slf4j", "slf4j-api", "1.7.36").build();
        byte[] middle = new Jars().pom("com.example", "lib", "1.0").nested("lib/slf4j-api-1.7.36.jar", innermost)
                .build();
        byte[] war = new Jars().pom("com.example", "web", "3.1").nested("WEB-INF/lib/lib-1.0.jar", middle).build();
        byte[] ear = new Jars().pom("com.example", "app", "1.0").nested("web-3.1.war", war).build();
        Inventory inventory = scan(new TarBuilder().file("opt/app-1.0.ear", ear));
        assertThat(inventory.packages()).extracting(Package::path, Package::name).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/opt/app-1.0.ear", "com.example:app"),
                org.assertj.core.groups.Tuple.tuple("/opt/app-1.0.ear!/web-3.1.war", "com.example:web"),
                org.assertj.core.groups.Tuple.tuple("/opt/app-1.0.ear!/web-3.1.war!/WEB-INF/lib/lib-1.0.jar",
                        "com.example:lib"),
                org.assertj.core.groups.Tuple.tuple(
                        "/opt/app-1.0.ear!/web-3.1.war!/WEB-INF/lib/lib-1.0.jar!/lib/slf4j-api-1.7.36.jar",
                        "org.slf4j:slf4j-api"));
        Package slf4j = inventory.packages().stream().filter(p -> p.name().equals("org.slf4j:slf4j-api"))
                .findFirst().orElseThrow();
        assertThat(slf4j.properties()).containsEntry("sha1", sha1(innermost));
        assertThat(inventory.relationships()).hasSize(3);
    }

    @Test
    void identifiesJarsWithoutPomPropertiesByManifestAndKnownGroupsThenByFileName() throws IOException {
        byte[] springCore = new Jars().manifest("Implementation-Title: spring-core", "Implementation-Version: 5.3.17",
                "Automatic-Module-Name: spring.core").text("org/springframework/core/X.class", "x").build();
        byte[] springJcl = new Jars().manifest("Implementation-Title: spring-jcl", "Implementation-Version: 5.3.17",
                "Automatic-Module-Name: spring.jcl").text("org/apache/commons/logging/Log.class", "x").build();
        byte[] bundle = new Jars().manifest("Bundle-SymbolicName: com.acme.widgets", "Bundle-Version: 4.2.0")
                .build();
        byte[] bare = new Jars().text("x/Y.class", "y").build();
        Inventory inventory = scan(new TarBuilder().file("lib/spring-core-5.3.17.jar", springCore)
                .file("lib/spring-jcl-5.3.17.jar", springJcl).file("lib/widgets-4.2.0.jar", bundle)
                .file("lib/mystery-1.2.3.jar", bare));
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " "
                + p.properties().get("identifiedBy")).containsExactly("com.acme:widgets@4.2.0 manifest",
                "mystery@1.2.3 file name", "org.springframework:spring-core@5.3.17 manifest",
                "org.springframework:spring-jcl@5.3.17 manifest");
    }

    @Test
    void aJarThatIsNotAZipIsAWarningNamingItAndTheScanGoesOn() throws IOException {
        Inventory inventory = scan(new TarBuilder().file("app/broken.jar", "this is not a zip archive at all")
                .file("app/good-1.0.jar", new Jars().pom("g", "good", "1.0").build()));
        assertThat(inventory.packages()).extracting(Package::name).containsExactly("g:good");
        assertThat(inventory.warnings()).singleElement().asString().startsWith("/app/broken.jar: not a").contains("zip");
    }

    @Test
    void anExecutableJarWithAScriptBeforeTheArchiveIsIdentifiedAndHashedWhole() throws Exception {
        byte[] archive = new Jars().pom("com.example", "service", "4.2").text("com/example/Service.class", "x").build();
        byte[] script = "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] executable = new byte[script.length + archive.length];
        System.arraycopy(script, 0, executable, 0, script.length);
        System.arraycopy(archive, 0, executable, script.length, archive.length);
        Inventory inventory = scan(new TarBuilder().file("usr/local/bin/service.jar", executable));
        assertThat(inventory.packages()).singleElement().satisfies(p -> {
            assertThat(p.name() + "@" + p.version()).isEqualTo("com.example:service@4.2");
            assertThat(p.properties()).containsEntry("sha1", sha1(executable));
        });
    }

    @Test
    void aJarWithoutItsCentralDirectoryIsStillReadEntryByEntry() throws Exception {
        byte[] whole = new Jars().pom("org.example", "cut", "1.5").text("org/example/Cut.class", "x").build();
        // Cut the central directory off, as a truncated download would: only the local headers remain.
        int central = indexOf(whole, new byte[] {'P', 'K', 1, 2});
        byte[] truncated = java.util.Arrays.copyOf(whole, central);
        Inventory inventory = scan(new TarBuilder().file("app/cut-1.5.jar", truncated));
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version() + " " + p.properties().get("sha1"))
                .containsExactly("org.example:cut@1.5 " + sha1(truncated));
    }

    @Test
    void noSpooledArchiveIsLeftInTheCacheDirectory() throws Exception {
        byte[] inner = new Jars().pom("org.slf4j", "slf4j-api", "1.7.36").build();
        byte[] boot = new Jars().pom("com.example", "boot", "1.0").nested("BOOT-INF/lib/slf4j-api-1.7.36.jar", inner)
                .build();
        Inventory inventory = scan(new TarBuilder().file("app/boot.jar", boot).file("app/broken.jar", "not a zip"));
        assertThat(inventory.packages()).extracting(Package::name).containsExactlyInAnyOrder("com.example:boot",
                "org.slf4j:slf4j-api");
        try (var files = java.nio.file.Files.walk(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("jar-"));
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i <= data.length - pattern.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void jarsDeletedByAWhiteoutOrOwnedByAnOsPackageAreNotReported() throws IOException {
        byte[] jar = new Jars().pom("g", "a", "1").build();
        Inventory inventory = TestScans.scan(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                        .file("var/lib/dpkg/status", "Package: libfoo-java\nStatus: install ok installed\n"
                                + "Version: 1.0-1\nArchitecture: all\n\n")
                        .file("var/lib/dpkg/info/libfoo-java.list", "/usr/share/java\n/usr/share/java/foo.jar\n")
                        .file("usr/share/java/foo.jar", jar).file("app/deleted.jar", jar).file("app/kept.jar", jar)
                        .build(), "ADD")
                .layer(new TarBuilder().whiteout("app/deleted.jar").build(), "RUN rm"), dir);
        assertThat(inventory.packages()).extracting(p -> p.type() + " " + p.path()).containsExactly(
                "DEB /var/lib/dpkg/status", "MAVEN /app/kept.jar");
    }
}
