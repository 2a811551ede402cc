package dev.bulwark.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.scan.Artifact;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.Result;
import dev.bulwark.scan.Suppressed;
import dev.bulwark.scan.internal.ResultAssembler;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps). One rule per finding id with help text
 * (plain and Markdown) and GitHub's {@code security-severity}; one result per finding, located at a relative
 * {@code artifactLocation.uri} (the file inside the image, the lockfile inside the project, or the image name for
 * the image config) with {@code region.startLine >= 1}, as GitHub requires. Suppressed findings are included with a
 * {@code suppressions} entry, which dashboards show as dismissed.
 */
public final class SarifWriter implements ReportWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    @Override
    public void write(Report report, Writer out) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Bulwark");
        driver.put("fullName", "Bulwark container security scanner");
        driver.put("version", report.toolVersion());
        driver.put("informationUri", "https://github.com/bulwark-dev/bulwark");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (Result result : report.results()) {
            for (Finding finding : result.findings().toList()) {
                results.add(result(report, result, finding, null, rules, ruleIndex));
            }
            for (Suppressed s : result.suppressed()) {
                results.add(result(report, result, s.finding(), s, rules, ruleIndex));
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        run.putObject("originalUriBaseIds").putObject("ROOTPATH").put("uri", rootUri(report.artifact()));
        ObjectNode properties = run.putObject("properties");
        properties.put("artifactName", report.artifact().name());
        properties.put("artifactType", report.artifact().type().label());
        if (report.artifact().imageId() != null) {
            properties.put("imageId", report.artifact().imageId().toString());
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writeValue(out, root);
        out.write('\n');
    }

    private static String rootUri(Artifact artifact) {
        return artifact.type() == Artifact.Type.FILESYSTEM ? "file:///" + artifact.name().replaceFirst("^/+", "")
                .replaceFirst("/*$", "/") : "file:///";
    }

    private static ObjectNode result(Report report, Result target, Finding finding, Suppressed suppressed,
                                     ArrayNode rules, Map<String, Integer> ruleIndex) {
        String ruleId = finding.id();
        Integer index = ruleIndex.get(ruleId);
        if (index == null) {
            index = rules.size();
            ruleIndex.put(ruleId, index);
            rules.add(rule(finding));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("ruleId", ruleId);
        result.put("ruleIndex", index);
        result.put("level", level(finding));
        result.putObject("message").put("text", Findings.message(finding));
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifactLocation = physical.putObject("artifactLocation");
        artifactLocation.put("uri", uri(report.artifact(), target, finding));
        artifactLocation.put("uriBaseId", "ROOTPATH");
        int[] lines = lines(finding);
        ObjectNode region = physical.putObject("region");
        region.put("startLine", lines[0]);
        region.put("startColumn", 1);
        region.put("endLine", lines[1]);
        region.put("endColumn", 1);
        location.putObject("message").put("text", target.target());
        ObjectNode properties = result.putObject("properties");
        report.layerOf(finding).ifPresent(layer -> {
            properties.put("layerIndex", layer.index());
            properties.put("layerDiffId", layer.diffId().toString());
            properties.put("baseImageLayer", layer.baseImage());
        });
        if (finding instanceof SecretFinding s) {
            properties.put("inFinalImage", s.inFinalImage());
        }
        if (finding instanceof VulnerabilityFinding v) {
            properties.put("package", v.pkg().name());
            properties.put("installedVersion", v.pkg().version());
            if (v.pkg().purl() != null) {
                properties.put("purl", v.pkg().purl());
            }
        }
        if (suppressed != null) {
            ObjectNode s = result.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            String justification = (suppressed.source() + ": " + suppressed.statement()
                    + (suppressed.justification().isEmpty() ? "" : " (" + suppressed.justification() + ")")
                    + (suppressed.reason().isEmpty() ? "" : " " + suppressed.reason())).strip();
            s.put("justification", justification);
        }
        return result;
    }

    private static ObjectNode rule(Finding finding) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("id", finding.id());
        rule.put("name", switch (finding) {
            case VulnerabilityFinding v -> v.pkg().type().isOperatingSystem() ? "OsPackageVulnerability"
                    : "LanguageSpecificPackageVulnerability";
            case SecretFinding s -> "Secret";
            case Misconfiguration m -> "Misconfiguration";
        });
        String title = Findings.title(finding);
        rule.putObject("shortDescription").put("text", title);
        rule.putObject("fullDescription").put("text", description(finding));
        String link = link(finding);
        if (link != null) {
            rule.put("helpUri", link);
        }
        ObjectNode help = rule.putObject("help");
        help.put("text", helpText(finding, link));
        help.put("markdown", helpMarkdown(finding, link));
        rule.putObject("defaultConfiguration").put("level", level(finding));
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add(switch (finding) {
            case VulnerabilityFinding v -> "vulnerability";
            case SecretFinding s -> "secret";
            case Misconfiguration m -> "misconfiguration";
        });
        tags.add("security");
        tags.add(finding.severity().name());
        properties.put("precision", finding instanceof VulnerabilityFinding ? "very-high" : "high");
        properties.put("security-severity", String.format(Locale.ROOT, "%.1f", Findings.score(finding)));
        return rule;
    }

    private static String description(Finding finding) {
        return switch (finding) {
            case VulnerabilityFinding v -> v.description().isEmpty() ? Findings.title(v) : v.description();
            case SecretFinding s -> "Hard-coded secret: " + s.title() + " (category " + s.category() + ")";
            case Misconfiguration m -> m.title() + (m.resolution() == null || m.resolution().isEmpty() ? ""
                    : ". " + m.resolution());
        };
    }

    private static String link(Finding finding) {
        List<String> references = switch (finding) {
            case VulnerabilityFinding v -> v.references();
            case SecretFinding s -> List.of();
            case Misconfiguration m -> m.references();
        };
        return references.stream().filter(r -> r.startsWith("https://") || r.startsWith("http://")).findFirst()
                .orElse(null);
    }

    private static String helpText(Finding finding, String link) {
        return switch (finding) {
            case VulnerabilityFinding v -> "Vulnerability " + v.id() + "\nSeverity: " + v.severity() + "\nPackage: "
                    + v.pkg().name() + "\nFixed Version: " + (v.fixedVersions().isEmpty() ? "none"
                    : String.join(", ", v.fixedVersions())) + (link == null ? "" : "\nLink: " + link)
                    + (v.description().isEmpty() ? "" : "\n" + v.description());
            case SecretFinding s -> "Secret " + s.title() + "\nSeverity: " + s.severity() + "\nRemove the secret "
                    + "from the image (and every layer that ever held it) and rotate it.";
            case Misconfiguration m -> "Misconfiguration " + m.checkId() + "\nSeverity: " + m.severity() + "\n"
                    + m.title() + (m.resolution() == null || m.resolution().isEmpty() ? "" : "\nResolution: "
                    + m.resolution()) + (link == null ? "" : "\nLink: " + link);
        };
    }

    private static String helpMarkdown(Finding finding, String link) {
        return switch (finding) {
            case VulnerabilityFinding v -> "**Vulnerability " + v.id() + "**\n| Severity | Package | Fixed Version "
                    + "| Link |\n| --- | --- | --- | --- |\n| " + v.severity() + " | " + v.pkg().name() + " | "
                    + (v.fixedVersions().isEmpty() ? "none" : String.join(", ", v.fixedVersions())) + " | "
                    + (link == null ? "" : "[" + v.id() + "](" + link + ")") + " |\n\n" + v.description();
            case SecretFinding s -> "**Secret " + s.title() + "**\n| Severity | Rule |\n| --- | --- |\n| "
                    + s.severity() + " | " + s.ruleId() + " |\n\nRemove the secret from the image (and every "
                    + "layer that ever held it) and rotate it.";
            case Misconfiguration m -> "**Misconfiguration " + m.checkId() + "**\n| Severity | Check |\n| --- | --- "
                    + "|\n| " + m.severity() + " | " + m.title() + " |\n\n" + (m.resolution() == null ? ""
                    : m.resolution()) + (link == null ? "" : "\n\n[" + link + "](" + link + ")");
        };
    }

    private static String level(Finding finding) {
        return switch (finding.severity()) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, UNKNOWN -> "note";
        };
    }

    private static int[] lines(Finding finding) {
        int start = switch (finding) {
            case VulnerabilityFinding v -> 1;
            case SecretFinding s -> s.startLine();
            case Misconfiguration m -> m.startLine();
        };
        int end = switch (finding) {
            case VulnerabilityFinding v -> 1;
            case SecretFinding s -> s.endLine();
            case Misconfiguration m -> m.endLine();
        };
        start = Math.max(1, start);
        return new int[] {start, Math.max(start, end)};
    }

    /** A relative URI: the file's path inside the image or project, or the image's name for its config. */
    static String uri(Artifact artifact, Result target, Finding finding) {
        String path = finding.location().path();
        if (path.equals(ResultAssembler.IMAGE_CONFIG) || path.isBlank()) {
            path = artifact.name().substring(artifact.name().lastIndexOf('/') + 1);
        }
        String relative = Findings.relativePath(path).replace('\\', '/');
        while (relative.startsWith("../") || relative.startsWith("./")) {
            relative = relative.substring(relative.indexOf('/') + 1);
        }
        relative = relative.replace(':', '_');
        try {
            return new URI(null, null, relative.isEmpty() ? "image" : relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return "image";
        }
    }
}
