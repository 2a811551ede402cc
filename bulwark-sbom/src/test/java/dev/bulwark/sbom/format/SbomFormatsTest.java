package dev.bulwark.sbom.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.core.Digest;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.ImageOptions;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.sbom.SbomSubject;
import dev.bulwark.sbom.TestScans;
import dev.bulwark.testkit.Corpus;
import dev.bulwark.testkit.ImageArchiveBuilder;
import dev.bulwark.testkit.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.storage.simple.InMemSpdxStore;

/** The SBOM formats validate against the official schemas (offline) and carry what the inventory knows. */
class SbomFormatsTest {

    private static final String CDX = "http://cyclonedx.org/schema/";

    @TempDir
    Path dir;

    private Inventory sample() throws IOException {
        String lock = "{\"name\":\"web\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"packages\":{"
                + "\"\":{\"name\":\"web\",\"version\":\"1.0.0\",\"dependencies\":{\"ms\":\"2\"}},"
                + "\"node_modules/ms\":{\"version\":\"2.1.3\"}}}";
        return TestScans.scan(new ImageArchiveBuilder()
                .layer(new TarBuilder().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"
                                + "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                        .file("var/lib/dpkg/status", "Package: bsdutils\nStatus: install ok installed\n"
                                + "Architecture: amd64\nSource: util-linux (2.38.1-5)\nVersion: 1:2.38.1-5+b1\n\n")
                        .build(), "ADD rootfs")
                .layer(new TarBuilder().file("srv/package.json", "{\"name\":\"web\",\"version\":\"1.0.0\","
                                + "\"license\":\"MIT\"}").file("srv/package-lock.json", lock)
                        .file("srv/node_modules/ms/package.json", "{\"name\":\"ms\",\"version\":\"2.1.3\","
                                + "\"license\":\"Apache 2.0 or whatever\"}").build(), "COPY"), dir);
    }

    private static SbomSubject subject(String name) {
        return new SbomSubject(name, "container", Digest.parse("sha256:" + "a".repeat(64)),
                List.of("example/app@sha256:" + "b".repeat(64)), List.of(), "0.1.0-test",
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    static String write(SbomFormat format, SbomSubject subject, Inventory inventory) throws IOException {
        StringWriter out = new StringWriter();
        format.write(subject, inventory, out);
        return out.toString();
    }

    /** Validates against bom-1.6.schema.json from the corpus (with its spdx and jsf schemas, no network). */
    static List<String> validateCycloneDx(String json) throws IOException {
        Path schemas = Corpus.require("schemas/bom-1.6.schema.json").getParent();
        Map<String, String> byId = new HashMap<>();
        for (String file : List.of("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")) {
            byId.put(CDX + file, Files.readString(schemas.resolve(file)));
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(byId));
        Schema schema = registry.getSchema(SchemaLocation.of(CDX + "bom-1.6.schema.json"));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            problems.add(error.toString());
        }
        return problems;
    }

    @Test
    void cycloneDxJsonValidatesAndCarriesOsLayersEvidenceAndDependencies() throws IOException {
        Inventory inventory = sample();
        String json = write(SbomFormat.CYCLONEDX_JSON, subject("example/app:1.0"), inventory);
        assertThat(validateCycloneDx(json)).isEmpty();
        assertThat(validateCycloneDx(json.replace("\"operating-system\"", "\"distro\""))).as("the validator bites")
                .isNotEmpty();
        JsonNode bom = new ObjectMapper().readTree(json);
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
        JsonNode os = bom.path("components").get(0);
        assertThat(os.path("type").asText()).isEqualTo("operating-system");
        assertThat(os.path("name").asText() + " " + os.path("version").asText()).isEqualTo("debian 12");
        JsonNode bsdutils = bom.path("components").get(1);
        assertThat(bsdutils.path("purl").asText())
                .isEqualTo("pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?arch=amd64&distro=debian-12&epoch=1");
        assertThat(bsdutils.path("evidence").path("occurrences").get(0).path("location").asText())
                .isEqualTo("/var/lib/dpkg/status");
        assertThat(bsdutils.path("properties").toString()).contains("bulwark:layer:diffID")
                .contains("\"bulwark:package:srcName\",\"value\":\"util-linux\"");
        String ms = Inventory.key(inventory.packages().stream().filter(p -> p.name().equals("ms")).findFirst()
                .orElseThrow());
        String web = Inventory.key(inventory.packages().stream().filter(p -> p.name().equals("web")).findFirst()
                .orElseThrow());
        assertThat(bom.path("dependencies").toString()).contains("{\"ref\":\"" + web + "\",\"dependsOn\":[\"" + ms
                + "\"]}");
    }

    @Test
    void cycloneDxXmlValidatesAgainstTheBundledXsd() throws Exception {
        String xml = write(SbomFormat.CYCLONEDX_XML, subject("example/app:1.0"), sample());
        assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        assertThat(xml).contains("<component type=\"operating-system\"").contains("<occurrences>");
    }

    @Test
    void spdxJsonIsAcceptedAndVerifiedByTheSpdxJavaLibrary() throws Exception {
        Inventory inventory = sample();
        String json = write(SbomFormat.SPDX_JSON, subject("example/app:1.0"), inventory);
        System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
        SpdxModelFactory.init();
        MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
        SpdxDocument document = store.deSerialize(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                false);
        assertThat(document.verify()).isEmpty();
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("packages")).hasSize(2 + inventory.packages().size());
        assertThat(doc.path("relationships").toString()).contains("\"relationshipType\":\"DEPENDS_ON\"")
                .contains("\"relationshipType\":\"DESCRIBES\"");
        assertThat(doc.toString()).contains("pkg:npm/ms@2.1.3").contains("\"licenseDeclared\":\"MIT\"");
    }

    @Test
    void corpusAppImageSbomValidates() throws IOException {
        Path file = Corpus.require("images/alpine-3.20.3-app.oci.tar");
        try (Image image = new ImageOpener(ImageOptions.defaults(dir.resolve("tmp"))).openFile(file.toString())) {
            Inventory inventory = TestScans.scan(image, dir, Analyzers.forImages());
            SbomSubject subject = new SbomSubject(image.metadata().name(), "container",
                    image.metadata().configDigest(), image.metadata().repoDigests(), image.metadata().layers(),
                    "0.1.0-test", Instant.parse("2026-11-22T10:00:00Z"));
            String json = write(SbomFormat.CYCLONEDX_JSON, subject, inventory);
            assertThat(validateCycloneDx(json)).isEmpty();
            assertThat(new ObjectMapper().readTree(json).path("components")).hasSize(1 + inventory.packages().size());
            assertThat(write(SbomFormat.CYCLONEDX_JSON, subject, inventory)).as("reproducible").isEqualTo(json);
        }
    }
}
