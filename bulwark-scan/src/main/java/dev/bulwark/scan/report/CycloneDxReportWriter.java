package dev.bulwark.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Cvss;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.Result;
import dev.bulwark.scan.Suppressed;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CycloneDX 1.6 JSON: the components, dependencies and layer evidence of bulwark-sbom's writer, plus
 * {@code vulnerabilities[]}: one entry per vulnerability id with its ratings (the effective severity and every CVSS
 * vector), CWEs, advisories, fixed versions as a recommendation, and {@code affects} references to the components'
 * {@code bom-ref}s. Suppressed vulnerabilities appear with an {@code analysis} (state, justification, detail) so
 * the document doubles as VEX.
 */
public final class CycloneDxReportWriter implements ReportWriter {

    private static final Set<String> STATES = Set.of("resolved", "resolved_with_pedigree", "exploitable",
            "in_triage", "false_positive", "not_affected");
    private static final Set<String> JUSTIFICATIONS = Set.of("code_not_present", "code_not_reachable",
            "requires_configuration", "requires_dependency", "requires_environment", "protected_by_compiler",
            "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control");
    private static final Map<String, String> OPENVEX_JUSTIFICATIONS = Map.of(
            "component_not_present", "code_not_present",
            "vulnerable_code_not_present", "code_not_present",
            "vulnerable_code_not_in_execute_path", "code_not_reachable",
            "vulnerable_code_cannot_be_controlled_by_adversary", "requires_environment",
            "inline_mitigations_already_exist", "protected_by_mitigating_control");

    @Override
    public void write(Report report, Writer out) throws IOException {
        StringWriter sbom = new StringWriter();
        SbomFormat.CYCLONEDX_JSON.write(ReportSbom.subject(report), ReportSbom.inventory(report), sbom);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectNode bom = (ObjectNode) mapper.readTree(sbom.toString());
        ArrayNode vulnerabilities = JsonNodeFactory.instance.arrayNode();
        Map<String, List<VulnerabilityFinding>> reported = new LinkedHashMap<>();
        Map<String, List<Suppressed>> suppressed = new LinkedHashMap<>();
        for (Result result : report.results()) {
            result.vulnerabilities().forEach(v -> reported.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v));
            for (Suppressed s : result.suppressed()) {
                if (s.finding() instanceof VulnerabilityFinding v) {
                    suppressed.computeIfAbsent(v.id() + "\u0000" + s.source() + "\u0000" + s.statement() + "\u0000"
                            + s.justification() + "\u0000" + s.reason(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        reported.values().forEach(list -> vulnerabilities.add(vulnerability(list, null)));
        for (List<Suppressed> list : suppressed.values()) {
            vulnerabilities.add(vulnerability(list.stream().map(s -> (VulnerabilityFinding) s.finding()).toList(),
                    list.getFirst()));
        }
        bom.set("vulnerabilities", vulnerabilities);
        mapper.writeValue(out, bom);
        out.write('\n');
    }

    private static ObjectNode vulnerability(List<VulnerabilityFinding> findings, Suppressed suppression) {
        VulnerabilityFinding first = findings.getFirst();
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("bom-ref", "vuln:" + first.id() + (suppression == null ? "" : ":" + suppression.source() + ":"
                + Integer.toHexString((suppression.statement() + suppression.reason()).hashCode())));
        v.put("id", first.id());
        if (first.dataSource() != null && !first.dataSource().isEmpty()) {
            v.putObject("source").put("name", first.dataSource());
        }
        if (!first.aliases().isEmpty()) {
            ArrayNode references = v.putArray("references");
            for (String alias : first.aliases()) {
                ObjectNode ref = references.addObject();
                ref.put("id", alias);
                ref.putObject("source").put("name", aliasSource(alias));
            }
        }
        ArrayNode ratings = v.putArray("ratings");
        ObjectNode effective = ratings.addObject();
        if (first.severitySource() != null && !first.severitySource().isEmpty()) {
            effective.putObject("source").put("name", first.severitySource());
        }
        effective.put("severity", first.severity().name().toLowerCase(Locale.ROOT));
        effective.put("method", "other");
        for (Cvss c : first.cvss()) {
            ObjectNode rating = ratings.addObject();
            if (c.source() != null && !c.source().isEmpty()) {
                rating.putObject("source").put("name", c.source());
            }
            rating.put("score", c.baseScore());
            rating.put("severity", c.severity().name().toLowerCase(Locale.ROOT));
            rating.put("method", switch (c.version()) {
                case "2.0" -> "CVSSv2";
                case "3.0" -> "CVSSv3";
                case "3.1" -> "CVSSv31";
                case "4.0" -> "CVSSv4";
                default -> "other";
            });
            rating.put("vector", c.vector());
        }
        List<Integer> cwes = new ArrayList<>();
        for (String cwe : first.cwes()) {
            try {
                cwes.add(Integer.parseInt(cwe.replaceFirst("(?i)^CWE-", "")));
            } catch (NumberFormatException ignored) {
                // not a numeric CWE id: nothing CycloneDX can hold
            }
        }
        if (!cwes.isEmpty()) {
            ArrayNode array = v.putArray("cwes");
            cwes.forEach(array::add);
        }
        if (!first.description().isEmpty()) {
            v.put("description", first.description());
        } else if (!first.title().isEmpty()) {
            v.put("description", first.title());
        }
        if (first.hasFix()) {
            v.put("recommendation", "Upgrade " + first.pkg().name() + " to " + String.join(" or ",
                    first.fixedVersions()));
        }
        List<String> urls = first.references().stream().filter(r -> r.startsWith("http")).distinct().toList();
        if (!urls.isEmpty()) {
            ArrayNode advisories = v.putArray("advisories");
            urls.forEach(u -> advisories.addObject().put("url", u));
        }
        if (first.published() != null) {
            v.put("published", first.published().toString());
        }
        if (first.modified() != null) {
            v.put("updated", first.modified().toString());
        }
        if (suppression != null) {
            ObjectNode analysis = v.putObject("analysis");
            String state = switch (suppression.statement()) {
                case "fixed" -> "resolved";
                case "ignored" -> null;
                default -> STATES.contains(suppression.statement()) ? suppression.statement() : null;
            };
            if (state != null) {
                analysis.put("state", state);
            }
            String justification = JUSTIFICATIONS.contains(suppression.justification()) ? suppression.justification()
                    : OPENVEX_JUSTIFICATIONS.get(suppression.justification());
            if (justification != null) {
                analysis.put("justification", justification);
            }
            if (suppression.source().equals("ignorefile")) {
                analysis.putArray("response").add("will_not_fix");
            }
            String detail = (suppression.source() + " " + suppression.origin()
                    + (suppression.justification().isEmpty() ? "" : ": " + suppression.justification())
                    + (suppression.reason().isEmpty() ? "" : ": " + suppression.reason())).strip();
            analysis.put("detail", detail);
        }
        ArrayNode affects = v.putArray("affects");
        List<String> seen = new ArrayList<>();
        for (VulnerabilityFinding f : findings) {
            String ref = Inventory.key(f.pkg());
            if (seen.contains(ref)) {
                continue;
            }
            seen.add(ref);
            ObjectNode affect = affects.addObject();
            affect.put("ref", ref);
            ObjectNode version = affect.putArray("versions").addObject();
            version.put("version", f.pkg().version());
            version.put("status", suppression == null || suppression.statement().equals("ignored") ? "affected"
                    : "unaffected");
        }
        ArrayNode properties = v.putArray("properties");
        property(properties, "bulwark:status", first.status().label());
        if (first.knownExploited()) {
            property(properties, "bulwark:knownExploited", "true");
        }
        return v;
    }

    private static void property(ArrayNode properties, String name, String value) {
        ObjectNode p = properties.addObject();
        p.put("name", name);
        p.put("value", value);
    }

    private static String aliasSource(String alias) {
        int dash = alias.indexOf('-');
        return dash > 0 ? alias.substring(0, dash) : alias;
    }
}
