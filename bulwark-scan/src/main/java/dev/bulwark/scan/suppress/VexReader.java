package dev.bulwark.scan.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads VEX documents: OpenVEX ({@code statements[]} with {@code vulnerability}, {@code products},
 * {@code subcomponents}, {@code status}, {@code justification}, {@code impact_statement}) and CycloneDX VEX
 * ({@code vulnerabilities[]} with {@code analysis.state}, {@code analysis.justification}, {@code affects[].ref}
 * resolved through the document's components to purls). The format is recognised from the content.
 */
public final class VexReader {

    private static final long MAX_BYTES = 64L << 20;

    private VexReader() {
    }

    /** @throws InputException naming the file and the problem */
    public static List<VexStatement> read(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InputException(file.toString(), "larger than " + MAX_BYTES + " bytes");
            }
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new InputException(file.toString(), "not a readable JSON VEX document ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        if (root != null && root.path("statements").isArray()) {
            return openVex(root, file.toString());
        }
        if (root != null && "CycloneDX".equals(root.path("bomFormat").asText())) {
            return cycloneDx(root, file.toString());
        }
        throw new InputException(file.toString(), "neither OpenVEX (no 'statements') nor CycloneDX VEX "
                + "(no bomFormat CycloneDX)");
    }

    private static List<VexStatement> openVex(JsonNode root, String origin) {
        List<VexStatement> out = new ArrayList<>();
        int n = 0;
        for (JsonNode s : root.get("statements")) {
            n++;
            JsonNode v = s.path("vulnerability");
            String id = v.isTextual() ? v.asText() : v.path("name").asText(v.path("@id").asText(""));
            String status = s.path("status").asText("");
            if (id.isEmpty() || status.isEmpty()) {
                throw new InputException(origin, "statement " + n + ": needs 'vulnerability' and 'status'");
            }
            List<String> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                addProduct(products, p);
                for (JsonNode sub : p.path("subcomponents")) {
                    addProduct(products, sub);
                }
            }
            for (JsonNode sub : s.path("subcomponents")) {
                addProduct(products, sub);
            }
            List<String> aliases = new ArrayList<>();
            v.path("aliases").forEach(a -> aliases.add(a.asText()));
            String justification = s.path("justification").asText("");
            String impact = s.path("impact_statement").asText(s.path("status_notes").asText(""));
            out.add(new VexStatement(id, products, status, justification, impact, origin));
            for (String alias : aliases) {
                out.add(new VexStatement(alias, products, status, justification, impact, origin));
            }
        }
        return out;
    }

    private static void addProduct(List<String> products, JsonNode p) {
        if (p.isTextual()) {
            products.add(p.asText());
            return;
        }
        if (p.hasNonNull("@id")) {
            products.add(p.get("@id").asText());
        }
        JsonNode purl = p.path("identifiers").path("purl");
        if (purl.isTextual()) {
            products.add(purl.asText());
        }
    }

    private static List<VexStatement> cycloneDx(JsonNode root, String origin) {
        Map<String, String> purlByRef = new HashMap<>();
        collectComponents(root.path("components"), purlByRef);
        collectComponents(root.path("metadata").path("component").path("components"), purlByRef);
        List<VexStatement> out = new ArrayList<>();
        for (JsonNode v : root.path("vulnerabilities")) {
            String id = v.path("id").asText("");
            JsonNode analysis = v.path("analysis");
            String state = analysis.path("state").asText("");
            if (id.isEmpty() || state.isEmpty()) {
                continue; // a finding without analysis says nothing about suppression
            }
            List<String> products = new ArrayList<>();
            for (JsonNode a : v.path("affects")) {
                String ref = a.path("ref").asText("");
                String fragment = ref.contains("#") ? ref.substring(ref.indexOf('#') + 1) : ref;
                products.add(purlByRef.getOrDefault(ref, purlByRef.getOrDefault(fragment, fragment)));
            }
            out.add(new VexStatement(id, products, state, analysis.path("justification").asText(""),
                    analysis.path("detail").asText(""), origin));
        }
        return out;
    }

    private static void collectComponents(JsonNode components, Map<String, String> purlByRef) {
        for (JsonNode c : components) {
            if (c.hasNonNull("bom-ref") && c.hasNonNull("purl")) {
                purlByRef.put(c.get("bom-ref").asText(), c.get("purl").asText());
            }
            collectComponents(c.path("components"), purlByRef);
        }
    }
}
