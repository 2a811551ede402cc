package dev.bulwark.scan;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Offline validation against the official schemas in the corpus and the JSON report schema in docs/. */
final class Schemas {

    private static final String CDX = "http://cyclonedx.org/schema/";
    private static final String SARIF = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
            + "sarif-schema-2.1.0.json";
    private static final String REPORT = "https://bulwark.dev/schemas/json-report-1.schema.json";

    private Schemas() {
    }

    static List<String> cycloneDx(String json) {
        Path schemas = Corpus.require("schemas/bom-1.6.schema.json").getParent();
        Map<String, String> byId = new HashMap<>();
        for (String file : List.of("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")) {
            byId.put(CDX + file, read(schemas.resolve(file)));
        }
        return validate(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(byId)).getSchema(SchemaLocation.of(CDX + "bom-1.6.schema.json")), json);
    }

    static List<String> sarif(String json) {
        String schema = read(Corpus.require("schemas/sarif-schema-2.1.0.json"));
        return validate(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemas(Map.of(SARIF, schema))).getSchema(SchemaLocation.of(SARIF)), json);
    }

    /** The repository's own schema of the JSON report, {@code docs/json-report.schema.json}. */
    static Path reportSchemaFile() {
        return Path.of(System.getProperty("bulwark.repo", "..")).resolve("docs/json-report.schema.json");
    }

    static List<String> jsonReport(String json) {
        String schema = read(reportSchemaFile());
        return validate(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(REPORT, schema))).getSchema(SchemaLocation.of(REPORT)), json);
    }

    private static List<String> validate(Schema schema, String json) {
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            problems.add(error.toString());
        }
        return problems;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
