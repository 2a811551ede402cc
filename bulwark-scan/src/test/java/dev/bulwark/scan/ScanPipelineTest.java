package dev.bulwark.scan;

import dev.bulwark.testkit.SmallImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.image.LayerCache;
import dev.bulwark.testkit.Corpus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanPipelineTest {

    static final Set<Scanner> ALL = EnumSet.of(Scanner.VULN, Scanner.SECRET, Scanner.MISCONFIG);

    @TempDir
    Path dir;

    private Report scan(String image, Set<Scanner> scanners, LayerCache cache, String baseImage) {
        ScanPipeline pipeline = new ScanPipeline(new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))),
                dir.resolve("tmp"));
        Path cacheDir = scanners.contains(Scanner.VULN) ? TestDatabase.cacheDir() : dir;
        return pipeline.scan(new ScanTarget.ImageFile(image), new ScanSettings(scanners, cache, cacheDir, baseImage,
                "test", Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static List<SecretFinding> secrets(Report report, String path) {
        return report.results().stream().flatMap(r -> r.secrets().stream())
                .filter(s -> s.location().path().equals(path)).toList();
    }

    @Test
    void secretsInFilesDeletedOrHiddenLaterAreReportedAsNotInTheFinalImage() {
        Report alpine = scan(Corpus.require("images/alpine-3.20.3-app.oci.tar").toString(),
                EnumSet.of(Scanner.SECRET), LayerCache.disabled(), null);
        SecretFinding env = secrets(alpine, "/app/.env").getFirst();
        assertThat(env.ruleId()).isEqualTo("github-pat");
        assertThat(env.inFinalImage()).as("/app/.env is whited out by layer 3").isFalse();
        assertThat(env.location().layer().index()).isEqualTo(1);
        assertThat(secrets(alpine, "/app/static/old-key.pem")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.inFinalImage()).as("still present in the Alpine image").isTrue());
        assertThat(secrets(alpine, "/root/.ssh/id_rsa")).isNotEmpty().allMatch(SecretFinding::inFinalImage);
        assertThat(secrets(alpine, "(image config)")).extracting(SecretFinding::ruleId)
                .contains("aws-secret-access-key");

        Report debian = scan(Corpus.require("images/debian-13-slim-app.docker.tar.gz").toString(),
                EnumSet.of(Scanner.SECRET), LayerCache.disabled(), null);
        assertThat(secrets(debian, "/app/static/old-key.pem")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.inFinalImage()).as("hidden by the opaque directory of layer 4")
                        .isFalse());
        assertThat(secrets(debian, "/app/.env")).isNotEmpty().noneMatch(SecretFinding::inFinalImage);
    }

    @Test
    void vulnerabilitiesCarryThePackageLayerAndGroupByTarget() {
        Report report = scan(Corpus.require("images/alpine-3.20.3-app.oci.tar").toString(), ALL,
                LayerCache.disabled(), null);
        assertThat(report.artifact().os().family()).isEqualTo("alpine");
        assertThat(report.results().getFirst().kind()).isEqualTo(Result.Kind.OS_PACKAGES);
        assertThat(report.results().getFirst().target()).endsWith("(alpine 3.20.3)");
        Result log4j = report.results().stream().filter(r -> r.target().equals("/app/lib/log4j-core-2.14.1.jar"))
                .findFirst().orElseThrow();
        assertThat(log4j.kind()).isEqualTo(Result.Kind.LANGUAGE_PACKAGES);
        VulnerabilityFinding log4shell = log4j.vulnerabilities().stream()
                .filter(v -> v.id().equals("CVE-2021-44228")).findFirst().orElseThrow();
        assertThat(log4shell.fixedVersions()).contains("2.15.0");
        assertThat(report.layerOf(log4shell)).map(Artifact.Layer::index).contains(1);
        assertThat(report.results()).anyMatch(r -> r.target().equals("/app/node/node_modules")
                && r.vulnerabilities().stream().anyMatch(v -> v.pkg().name().equals("lodash")));
        Result config = report.results().stream().filter(r -> r.kind() == Result.Kind.IMAGE_CONFIG).findFirst()
                .orElseThrow();
        assertThat(config.misconfigurations()).extracting(Misconfiguration::checkId).contains("BW-IMG-001");
        assertThat(config.secrets()).isNotEmpty();
        assertThat(report.artifact().baseImage()).isNull();
        assertThat(report.artifact().layers()).hasSize(3).noneMatch(Artifact.Layer::baseImage);
    }

    @Test
    void perLayerFindingsComeFromTheLayerCacheOnTheSecondScan() {
        LayerCache files = LayerCache.open(dir.resolve("layers"), 64L << 20);
        AtomicInteger hits = new AtomicInteger();
        LayerCache counting = new LayerCache() {
            @Override
            public Optional<byte[]> get(Key key) {
                Optional<byte[]> value = files.get(key);
                value.ifPresent(v -> hits.incrementAndGet());
                return value;
            }

            @Override
            public void put(Key key, byte[] value) {
                files.put(key, value);
            }
        };
        String image = Corpus.require("images/alpine-3.20.3-app.oci.tar").toString();
        Set<Scanner> scanners = EnumSet.of(Scanner.SECRET, Scanner.MISCONFIG);
        Report first = scan(image, scanners, counting, null);
        assertThat(hits).hasValue(0);
        Report second = scan(image, scanners, counting, null);
        assertThat(hits).as("3 layers x (secret, misconfig)").hasValue(6);
        assertThat(second.results()).isEqualTo(first.results());

        hits.set(0);
        Report uncached = scan(image, scanners, LayerCache.disabled(), null);
        assertThat(uncached.results()).isEqualTo(first.results());
    }

    @Test
    void layersSharedWithTheBaseImageAreMarkedFromTheOptionOrTheLabel() {
        Path base = SmallImage.base().writeDockerArchive(dir.resolve("base.tar"), "example/base:1", false);
        Path app = SmallImage.write(dir);
        Report byOption = scan(app.toString(), EnumSet.of(Scanner.SECRET), LayerCache.disabled(), base.toString());
        assertThat(byOption.artifact().layers()).extracting(Artifact.Layer::baseImage)
                .containsExactly(true, false, false);
        assertThat(byOption.artifact().baseImage().source()).isEqualTo("option");
        SecretFinding token = secrets(byOption, "/app/.env").getFirst();
        assertThat(byOption.layerOf(token)).map(Artifact.Layer::baseImage).contains(false);

        Path labelled = SmallImage.app("\"org.opencontainers.image.base.name\":\"" + base + "\"")
                .writeDockerArchive(dir.resolve("labelled.tar"), "example/app:2", false);
        Report byLabel = scan(labelled.toString(), EnumSet.of(Scanner.SECRET), LayerCache.disabled(), null);
        assertThat(byLabel.artifact().baseImage()).isEqualTo(new Artifact.BaseImage(base.toString(), null, "label",
                1));
        assertThat(byLabel.artifact().layers().getFirst().baseImage()).isTrue();

        Path unreachable = SmallImage.app("\"org.opencontainers.image.base.name\":\"" + dir.resolve("gone.tar")
                + "\"").writeDockerArchive(dir.resolve("unreachable.tar"), "example/app:3", false);
        Report unknown = scan(unreachable.toString(), EnumSet.of(Scanner.SECRET), LayerCache.disabled(), null);
        assertThat(unknown.artifact().baseImage().layers()).isZero();
        assertThat(unknown.warnings()).anyMatch(w -> w.contains("cannot read its layers"));
    }

    @Test
    void manifestsAndDockerfilesInLayersAreCheckedAndDeletedOnesDropped() {
        byte[] first = new dev.bulwark.testkit.TarBuilder()
                .file("deploy/pod.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: web
                        spec:
                          containers:
                            - name: web
                              image: nginx:1.27
                              securityContext:
                                privileged: true
                        """)
                .file("old/Dockerfile", "FROM alpine:latest\n")
                .build();
        byte[] second = new dev.bulwark.testkit.TarBuilder().whiteout("old/Dockerfile").build();
        Path image = new dev.bulwark.testkit.ImageArchiveBuilder().layer(first, "COPY . /")
                .layer(second, "RUN rm -r /old").writeDockerArchive(dir.resolve("k8s.tar"), "k8s:1", false);
        Report report = scan(image.toString(), EnumSet.of(Scanner.MISCONFIG), LayerCache.disabled(), null);
        Result pod = report.results().stream().filter(r -> r.target().equals("/deploy/pod.yaml")).findFirst()
                .orElseThrow();
        assertThat(pod.kind()).isEqualTo(Result.Kind.CONFIG);
        assertThat(pod.type()).isEqualTo("kubernetes");
        assertThat(pod.misconfigurations()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.location().layer().index()).isZero())
                .anySatisfy(m -> assertThat(m.startLine()).isPositive());
        assertThat(report.results()).noneMatch(r -> r.target().equals("/old/Dockerfile"));
    }

    @Test
    void aMissingDatabaseFailsAndSaysHowToCreateOne() {
        ScanPipeline pipeline = new ScanPipeline(new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))),
                dir.resolve("tmp"));
        assertThatThrownBy(() -> pipeline.scan(new ScanTarget.ImageFile(SmallImage.write(dir).toString()),
                new ScanSettings(EnumSet.of(Scanner.VULN), LayerCache.disabled(), dir.resolve("empty"), null, "test",
                        Instant.now())))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("bulwark db import ../shared/corpus/advisories")
                .hasMessageContaining("bulwark db update");
    }
}
