package dev.bulwark.scan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Cvss;
import dev.bulwark.core.Digest;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FixStatus;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.scan.Artifact;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.Result;
import dev.bulwark.scan.Suppressed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The JSON form of the report model, both ways: field names are the stable contract documented in
 * {@code docs/json-report.md} and {@code docs/json-report.schema.json}, and reading a written report gives the same
 * model back ({@code bulwark convert}). Also used for the layer cache's per-layer findings.
 *
 * <p>Readers are strict about structure (a missing required field is an {@link IllegalArgumentException} naming it)
 * and lenient about optional fields.
 */
public final class JsonCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonCodec() {
    }

    // ---------------------------------------------------------------- report

    public static ObjectNode report(Report report) {
        ObjectNode node = NODES.objectNode();
        node.put("schemaVersion", report.schemaVersion());
        ObjectNode tool = node.putObject("tool");
        tool.put("name", "bulwark");
        tool.put("version", report.toolVersion());
        node.put("createdAt", report.createdAt().toString());
        node.set("artifact", artifact(report.artifact()));
        ArrayNode results = node.putArray("results");
        for (Result result : report.results()) {
            results.add(result(result, report.artifact()));
        }
        ArrayNode relationships = node.putArray("relationships");
        for (Relationship r : report.relationships()) {
            ObjectNode rel = relationships.addObject();
            rel.put("parent", r.parent());
            rel.put("child", r.child());
            rel.put("type", r.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return node;
    }

    public static Report readReport(JsonNode node) {
        int schema = required(node, "schemaVersion").asInt();
        if (schema != Report.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schema + " is not supported (expected "
                    + Report.SCHEMA_VERSION + ")");
        }
        Artifact artifact = readArtifact(required(node, "artifact"));
        IntFunction<LayerRef> layers = index -> artifact.layer(index)
                .map(l -> new LayerRef(l.index(), l.diffId(), l.digest(), l.createdBy())).orElse(null);
        List<Result> results = new ArrayList<>();
        for (JsonNode r : required(node, "results")) {
            results.add(readResult(r, layers));
        }
        List<Relationship> relationships = new ArrayList<>();
        for (JsonNode r : node.path("relationships")) {
            relationships.add(new Relationship(text(r, "parent"), text(r, "child"),
                    Relationship.Type.valueOf(text(r, "type").toUpperCase(java.util.Locale.ROOT))));
        }
        return new Report(schema, node.path("tool").path("version").asText(""),
                Instant.parse(text(node, "createdAt")), artifact, results, relationships,
                strings(node.path("warnings")));
    }

    // ---------------------------------------------------------------- artifact

    static ObjectNode artifact(Artifact a) {
        ObjectNode node = NODES.objectNode();
        node.put("name", a.name());
        node.put("type", a.type().label());
        strings(node.putArray("repoTags"), a.repoTags());
        strings(node.putArray("repoDigests"), a.repoDigests());
        putDigest(node, "imageId", a.imageId());
        putDigest(node, "manifestDigest", a.manifestDigest());
        if (a.os() == null) {
            node.putNull("os");
        } else {
            ObjectNode os = node.putObject("os");
            os.put("family", a.os().family());
            os.put("version", a.os().versionId());
            putText(os, "codename", a.os().codename());
            putText(os, "name", a.os().prettyName());
            putText(os, "endOfLife", a.os().endOfLife() == null ? null : a.os().endOfLife().toString());
        }
        ArrayNode layers = node.putArray("layers");
        for (Artifact.Layer l : a.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("index", l.index());
            layer.put("diffId", l.diffId().toString());
            putDigest(layer, "digest", l.digest());
            putText(layer, "createdBy", l.createdBy());
            layer.put("baseImage", l.baseImage());
        }
        if (a.baseImage() == null) {
            node.putNull("baseImage");
        } else {
            ObjectNode base = node.putObject("baseImage");
            base.put("name", a.baseImage().name());
            putText(base, "digest", a.baseImage().digest());
            base.put("source", a.baseImage().source());
            base.put("layers", a.baseImage().layers());
        }
        return node;
    }

    static Artifact readArtifact(JsonNode node) {
        OperatingSystem os = null;
        JsonNode o = node.path("os");
        if (o.isObject()) {
            String eol = optText(o, "endOfLife");
            os = new OperatingSystem(text(o, "family"), text(o, "version"), optText(o, "codename"),
                    optText(o, "name"), eol == null ? null : LocalDate.parse(eol));
        }
        List<Artifact.Layer> layers = new ArrayList<>();
        for (JsonNode l : node.path("layers")) {
            layers.add(new Artifact.Layer(required(l, "index").asInt(), Digest.parse(text(l, "diffId")),
                    digest(l, "digest"), optText(l, "createdBy"), l.path("baseImage").asBoolean(false)));
        }
        Artifact.BaseImage base = null;
        JsonNode b = node.path("baseImage");
        if (b.isObject()) {
            base = new Artifact.BaseImage(text(b, "name"), optText(b, "digest"), text(b, "source"),
                    b.path("layers").asInt(0));
        }
        return new Artifact(text(node, "name"), Artifact.Type.parse(text(node, "type")),
                strings(node.path("repoTags")), strings(node.path("repoDigests")), digest(node, "imageId"),
                digest(node, "manifestDigest"), os, layers, base);
    }

    // ---------------------------------------------------------------- results

    static ObjectNode result(Result r, Artifact artifact) {
        ObjectNode node = NODES.objectNode();
        node.put("target", r.target());
        node.put("class", r.kind().label());
        node.put("type", r.type());
        ArrayNode packages = node.putArray("packages");
        r.packages().forEach(p -> packages.add(pkg(p, artifact)));
        ArrayNode vulns = node.putArray("vulnerabilities");
        r.vulnerabilities().forEach(v -> vulns.add(vulnerability(v, artifact)));
        ArrayNode secrets = node.putArray("secrets");
        r.secrets().forEach(s -> secrets.add(secret(s, artifact)));
        ArrayNode misconfigs = node.putArray("misconfigurations");
        r.misconfigurations().forEach(m -> misconfigs.add(misconfiguration(m, artifact)));
        ArrayNode suppressed = node.putArray("suppressed");
        for (Suppressed s : r.suppressed()) {
            ObjectNode item = suppressed.addObject();
            item.put("kind", kind(s.finding()));
            item.set("finding", finding(s.finding(), artifact));
            item.put("source", s.source());
            item.put("statement", s.statement());
            item.put("justification", s.justification());
            item.put("reason", s.reason());
            item.put("origin", s.origin());
        }
        return node;
    }

    static Result readResult(JsonNode node, IntFunction<LayerRef> layers) {
        List<Package> packages = new ArrayList<>();
        Map<String, Package> byRef = new LinkedHashMap<>();
        for (JsonNode p : node.path("packages")) {
            Package pkg = readPackage(p, layers);
            packages.add(pkg);
            byRef.put(text(p, "ref"), pkg);
        }
        List<VulnerabilityFinding> vulns = new ArrayList<>();
        for (JsonNode v : node.path("vulnerabilities")) {
            vulns.add(readVulnerability(v, byRef, layers));
        }
        List<SecretFinding> secrets = new ArrayList<>();
        for (JsonNode s : node.path("secrets")) {
            secrets.add(readSecret(s, layers));
        }
        List<Misconfiguration> misconfigs = new ArrayList<>();
        for (JsonNode m : node.path("misconfigurations")) {
            misconfigs.add(readMisconfiguration(m, layers));
        }
        List<Suppressed> suppressed = new ArrayList<>();
        for (JsonNode s : node.path("suppressed")) {
            JsonNode f = required(s, "finding");
            Finding finding = switch (text(s, "kind")) {
                case "vulnerability" -> readVulnerability(f, byRef, layers);
                case "secret" -> readSecret(f, layers);
                case "misconfiguration" -> readMisconfiguration(f, layers);
                default -> throw new IllegalArgumentException("unknown suppressed kind '" + text(s, "kind") + "'");
            };
            suppressed.add(new Suppressed(finding, text(s, "source"), optText(s, "statement"),
                    optText(s, "justification"), optText(s, "reason"), optText(s, "origin")));
        }
        return new Result(text(node, "target"), Result.Kind.parse(text(node, "class")), optText(node, "type"),
                packages, vulns, secrets, misconfigs, suppressed);
    }

    /** {@code vulnerability}, {@code secret} or {@code misconfiguration}. */
    public static String kind(Finding finding) {
        return switch (finding) {
            case VulnerabilityFinding v -> "vulnerability";
            case SecretFinding s -> "secret";
            case Misconfiguration m -> "misconfiguration";
        };
    }

    static ObjectNode finding(Finding finding, Artifact artifact) {
        return switch (finding) {
            case VulnerabilityFinding v -> vulnerability(v, artifact);
            case SecretFinding s -> secret(s, artifact);
            case Misconfiguration m -> misconfiguration(m, artifact);
        };
    }

    // ---------------------------------------------------------------- packages

    static ObjectNode pkg(Package p, Artifact artifact) {
        ObjectNode node = NODES.objectNode();
        node.put("ref", Inventory.key(p));
        node.put("type", p.type().purlType());
        node.put("name", p.name());
        node.put("version", p.version());
        putText(node, "arch", p.arch());
        putText(node, "sourceName", p.sourceName());
        putText(node, "sourceVersion", p.sourceVersion());
        putText(node, "purl", p.purl());
        strings(node.putArray("licenses"), p.licenses());
        ArrayNode locations = node.putArray("locations");
        for (Location l : p.locations()) {
            ObjectNode loc = locations.addObject();
            loc.put("path", l.path());
            putLayer(loc, l.layer(), artifact);
        }
        putLayer(node, p.layer(), artifact);
        ObjectNode properties = node.putObject("properties");
        new TreeMap<>(p.properties()).forEach(properties::put);
        return node;
    }

    static Package readPackage(JsonNode node, IntFunction<LayerRef> layers) {
        List<Location> locations = new ArrayList<>();
        for (JsonNode l : node.path("locations")) {
            locations.add(new Location(text(l, "path"), layer(l, layers)));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
        return new Package(PackageType.fromPurlType(text(node, "type")), text(node, "name"), text(node, "version"),
                optText(node, "arch"), optText(node, "sourceName"), optText(node, "sourceVersion"),
                optText(node, "purl"), strings(node.path("licenses")), locations, layer(node, layers), properties);
    }

    // ---------------------------------------------------------------- findings

    static ObjectNode vulnerability(VulnerabilityFinding v, Artifact artifact) {
        ObjectNode node = NODES.objectNode();
        node.put("id", v.id());
        strings(node.putArray("aliases"), v.aliases());
        node.put("pkgRef", Inventory.key(v.pkg()));
        node.put("pkgName", v.pkg().name());
        node.put("installedVersion", v.pkg().version());
        putText(node, "purl", v.pkg().purl());
        node.put("path", v.location().path());
        strings(node.putArray("fixedVersions"), v.fixedVersions());
        node.put("status", v.status().label());
        node.put("severity", v.severity().name());
        putText(node, "severitySource", v.severitySource());
        ArrayNode cvss = node.putArray("cvss");
        for (Cvss c : v.cvss()) {
            ObjectNode item = cvss.addObject();
            item.put("version", c.version());
            item.put("vector", c.vector());
            item.put("score", c.baseScore());
            putText(item, "source", c.source());
        }
        node.put("title", v.title());
        node.put("description", v.description());
        strings(node.putArray("references"), v.references());
        strings(node.putArray("cwes"), v.cwes());
        putText(node, "published", v.published() == null ? null : v.published().toString());
        putText(node, "modified", v.modified() == null ? null : v.modified().toString());
        putText(node, "dataSource", v.dataSource());
        node.put("knownExploited", v.knownExploited());
        node.set("databaseSpecific", MAPPER.valueToTree(new TreeMap<>(v.databaseSpecific())));
        putLayer(node, v.pkg().layer(), artifact);
        return node;
    }

    static VulnerabilityFinding readVulnerability(JsonNode node, Map<String, Package> packages,
                                                  IntFunction<LayerRef> layers) {
        String ref = text(node, "pkgRef");
        Package pkg = packages.get(ref);
        if (pkg == null) {
            throw new IllegalArgumentException("vulnerability " + text(node, "id") + " refers to package '" + ref
                    + "', which its result does not list");
        }
        List<Cvss> cvss = new ArrayList<>();
        for (JsonNode c : node.path("cvss")) {
            cvss.add(new Cvss(text(c, "version"), text(c, "vector"), required(c, "score").asDouble(),
                    optText(c, "source")));
        }
        String published = optText(node, "published");
        String modified = optText(node, "modified");
        @SuppressWarnings("unchecked")
        Map<String, Object> specific = node.path("databaseSpecific").isObject()
                ? MAPPER.convertValue(node.get("databaseSpecific"), Map.class) : Map.of();
        return new VulnerabilityFinding(text(node, "id"), strings(node.path("aliases")), pkg,
                FixStatus.parse(text(node, "status")), strings(node.path("fixedVersions")),
                Severity.parse(text(node, "severity")), optText(node, "severitySource"), cvss,
                optText(node, "title"), optText(node, "description"), strings(node.path("references")),
                strings(node.path("cwes")), published == null ? null : Instant.parse(published),
                modified == null ? null : Instant.parse(modified), optText(node, "dataSource"),
                node.path("knownExploited").asBoolean(false), specific);
    }

    public static ObjectNode secret(SecretFinding s, Artifact artifact) {
        ObjectNode node = NODES.objectNode();
        node.put("ruleId", s.ruleId());
        putText(node, "category", s.category());
        putText(node, "title", s.title());
        node.put("severity", s.severity().name());
        node.put("path", s.location().path());
        node.put("startLine", s.startLine());
        node.put("endLine", s.endLine());
        putText(node, "match", s.redactedMatch());
        putText(node, "line", s.redactedLine());
        node.put("inFinalImage", s.inFinalImage());
        strings(node.putArray("tags"), s.tags());
        putLayer(node, s.location().layer(), artifact);
        return node;
    }

    public static SecretFinding readSecret(JsonNode node, IntFunction<LayerRef> layers) {
        return new SecretFinding(text(node, "ruleId"), optText(node, "category"), optText(node, "title"),
                Severity.parse(text(node, "severity")), new Location(text(node, "path"), layer(node, layers)),
                node.path("startLine").asInt(0), node.path("endLine").asInt(0), optText(node, "match"),
                optText(node, "line"), node.path("inFinalImage").asBoolean(true), strings(node.path("tags")));
    }

    public static ObjectNode misconfiguration(Misconfiguration m, Artifact artifact) {
        ObjectNode node = NODES.objectNode();
        node.put("id", m.checkId());
        strings(node.putArray("aliases"), m.aliases());
        putText(node, "title", m.title());
        node.put("severity", m.severity().name());
        node.put("path", m.location().path());
        node.put("startLine", m.startLine());
        node.put("endLine", m.endLine());
        node.put("resource", m.resource());
        putText(node, "message", m.message());
        putText(node, "resolution", m.resolution());
        strings(node.putArray("references"), m.references());
        putLayer(node, m.location().layer(), artifact);
        return node;
    }

    public static Misconfiguration readMisconfiguration(JsonNode node, IntFunction<LayerRef> layers) {
        return new Misconfiguration(text(node, "id"), strings(node.path("aliases")), optText(node, "title"),
                Severity.parse(text(node, "severity")), new Location(text(node, "path"), layer(node, layers)),
                node.path("startLine").asInt(0), node.path("endLine").asInt(0), optText(node, "resource"),
                optText(node, "message"), optText(node, "resolution"), strings(node.path("references")));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Writes {@code layer} as {@code {"index", "diffId", "baseImage"}}: every finding carries the layer that
     * introduced it and whether the base image owns that layer. {@code artifact} may be {@code null} (the layer
     * cache), then the flag is false.
     */
    private static void putLayer(ObjectNode node, LayerRef layer, Artifact artifact) {
        if (layer == null) {
            node.putNull("layer");
            return;
        }
        ObjectNode l = node.putObject("layer");
        l.put("index", layer.index());
        l.put("diffId", layer.diffId().toString());
        l.put("baseImage", artifact != null && artifact.layer(layer.index()).map(Artifact.Layer::baseImage)
                .orElse(false));
    }

    private static LayerRef layer(JsonNode node, IntFunction<LayerRef> layers) {
        JsonNode l = node.path("layer");
        if (!l.isObject()) {
            return null;
        }
        LayerRef known = layers.apply(required(l, "index").asInt());
        if (known != null) {
            return known;
        }
        return new LayerRef(l.get("index").asInt(), Digest.parse(text(l, "diffId")), null, null);
    }

    private static void putDigest(ObjectNode node, String field, Digest digest) {
        putText(node, field, digest == null ? null : digest.toString());
    }

    private static Digest digest(JsonNode node, String field) {
        String text = optText(node, field);
        return text == null || text.isEmpty() ? null : Digest.parse(text);
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.asText());
        }
        return out;
    }

    static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    static String optText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
