package dev.bulwark.sbom.format.spdx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.SbomSubject;
import dev.bulwark.sbom.format.SbomNames;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SPDX 2.3 JSON. The document {@code DESCRIBES} the image package, which {@code CONTAINS} the operating system
 * package and every package not contained by another; the OS {@code CONTAINS} its packages; known relationships
 * become {@code DEPENDS_ON} / {@code CONTAINS}. Purls are {@code PACKAGE-MANAGER purl} external references; layers and
 * files go into each package's {@code sourceInfo} and {@code comment}. Written with Jackson in the field order of the
 * specification's examples; the tests check it with the SPDX Java library's own parser and verifier.
 */
public final class SpdxJsonWriter {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(SbomSubject subject, Inventory inventory, Writer out) throws IOException {
        ObjectNode doc = json.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", subject.name());
        doc.put("documentNamespace", "https://bulwark.dev/spdx/" + encode(subject.name()) + "-"
                + SbomNames.uuid(subject.name() + "|" + subject.configDigest() + "|" + subject.timestamp()));
        ObjectNode creation = doc.putObject("creationInfo");
        creation.putArray("creators").add("Tool: bulwark-" + subject.toolVersion());
        creation.put("created", DateTimeFormatter.ISO_INSTANT.format(subject.timestamp().truncatedTo(
                ChronoUnit.SECONDS)));
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = doc.putArray("relationships");

        String rootId = "SPDXRef-" + (subject.kind().equals("container") ? "Image" : "Filesystem");
        ObjectNode root = packages.addObject();
        root.put("SPDXID", rootId);
        root.put("name", subject.name());
        root.put("downloadLocation", "NOASSERTION");
        root.put("filesAnalyzed", false);
        root.put("primaryPackagePurpose", subject.kind().equals("container") ? "CONTAINER" : "SOURCE");
        if (subject.configDigest() != null) {
            ObjectNode checksum = root.putArray("checksums").addObject();
            checksum.put("algorithm", "SHA256");
            checksum.put("checksumValue", subject.configDigest().hex());
        }
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", rootId);

        String osId = null;
        OperatingSystem os = inventory.os();
        if (os != null) {
            osId = "SPDXRef-OperatingSystem";
            ObjectNode osPackage = packages.addObject();
            osPackage.put("SPDXID", osId);
            osPackage.put("name", os.family());
            osPackage.put("versionInfo", os.versionId());
            osPackage.put("downloadLocation", "NOASSERTION");
            osPackage.put("filesAnalyzed", false);
            osPackage.put("primaryPackagePurpose", "OPERATING-SYSTEM");
            if (os.prettyName() != null) {
                osPackage.put("description", os.prettyName());
            }
            relationship(relationships, rootId, "CONTAINS", osId);
        }
        Map<String, String> ids = new HashMap<>();
        Set<String> children = new HashSet<>();
        inventory.relationships().forEach(r -> children.add(r.child()));
        int n = 0;
        for (Package p : inventory.packages()) {
            String id = "SPDXRef-Package-" + p.type().purlType() + "-" + (++n);
            ids.put(Inventory.key(p), id);
            packages.add(spdxPackage(p, id));
            if (p.type().isOperatingSystem() && osId != null) {
                relationship(relationships, osId, "CONTAINS", id);
            } else if (!children.contains(Inventory.key(p))) {
                relationship(relationships, rootId, "CONTAINS", id);
            }
        }
        for (Relationship r : inventory.relationships()) {
            String parent = ids.get(r.parent());
            String child = ids.get(r.child());
            if (parent != null && child != null) {
                relationship(relationships, parent, r.type() == Relationship.Type.CONTAINS ? "CONTAINS"
                        : "DEPENDS_ON", child);
            }
        }
        json.writeValue(new NonClosingWriter(out), doc);
    }

    private ObjectNode spdxPackage(Package p, String id) {
        ObjectNode node = json.createObjectNode();
        node.put("SPDXID", id);
        node.put("name", p.name());
        node.put("versionInfo", p.version());
        node.put("downloadLocation", "NOASSERTION");
        node.put("filesAnalyzed", false);
        String sha1 = p.properties().get("sha1");
        if (sha1 != null) {
            ObjectNode checksum = node.putArray("checksums").addObject();
            checksum.put("algorithm", "SHA1");
            checksum.put("checksumValue", sha1);
        }
        String declared = p.licenses().isEmpty() ? "NOASSERTION" : String.join(" AND ", p.licenses().stream()
                .map(l -> p.licenses().size() > 1 && l.contains(" ") ? "(" + l + ")" : l).toList());
        node.put("licenseConcluded", "NOASSERTION");
        node.put("licenseDeclared", SbomNames.isExpression(declared) ? declared : "NOASSERTION");
        node.put("copyrightText", "NOASSERTION");
        if (p.type().isOperatingSystem()) {
            node.put("sourceInfo", "built from source package " + p.sourceNameOrName() + " "
                    + p.sourceVersionOrVersion());
        }
        StringBuilder comment = new StringBuilder();
        if (p.layer() != null) {
            comment.append("layer ").append(p.layer().index()).append(" (").append(p.layer().diffId()).append("); ");
        }
        comment.append("found in ").append(String.join(", ", p.locations().stream().map(l -> l.path()).toList()));
        node.put("comment", comment.toString());
        node.put("primaryPackagePurpose", p.properties().containsKey("main") ? "APPLICATION"
                : p.type().isOperatingSystem() ? "INSTALL" : "LIBRARY");
        if (p.purl() != null) {
            ObjectNode ref = node.putArray("externalRefs").addObject();
            ref.put("referenceCategory", "PACKAGE-MANAGER");
            ref.put("referenceType", "purl");
            ref.put("referenceLocator", p.purl());
        }
        return node;
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }

    private static String encode(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Jackson closes its target; the caller owns it. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
