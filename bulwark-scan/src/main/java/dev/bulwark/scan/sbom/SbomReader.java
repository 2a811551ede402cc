package dev.bulwark.scan.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads CycloneDX (JSON, XML) and SPDX (JSON, tag-value) SBOMs, as written by Bulwark, Syft, Trivy and others, into
 * packages and the distribution. The format is recognised from the content. Components without a package URL (files,
 * the image itself) are skipped; a malformed package URL is named in {@link SbomContents#warnings()}. XML is parsed
 * with DTDs and external entities disabled.
 */
public final class SbomReader {

    /** SBOMs of large images are tens of MB; this bounds what is read into memory. */
    static final long MAX_BYTES = 256L << 20;
    private static final Pattern SOURCE_INFO = Pattern.compile(
            "(?:built from source package|built package from:?)\\s+(\\S+)\\s+(\\S+)");

    private SbomReader() {
    }

    /** @throws InputException naming the file and the problem */
    public static SbomContents read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InputException(file.toString(), "larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        try {
            if (head.startsWith("{")) {
                JsonNode root = new ObjectMapper().readTree(bytes);
                if ("CycloneDX".equals(root.path("bomFormat").asText())) {
                    return cycloneDxJson(root, file.toString());
                }
                if (root.has("spdxVersion")) {
                    return spdxJson(root, file.toString());
                }
                throw new InputException(file.toString(), "JSON that is neither CycloneDX (bomFormat) nor SPDX "
                        + "(spdxVersion)");
            }
            if (head.startsWith("<")) {
                return cycloneDxXml(bytes, file.toString());
            }
            if (head.contains("SPDXVersion:")) {
                return spdxTagValue(new String(bytes, StandardCharsets.UTF_8), file.toString());
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), "not valid JSON (" + String.valueOf(e.getMessage()).lines()
                    .findFirst().orElse("") + ")", e);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), e.getMessage(), e);
        }
        throw new InputException(file.toString(), "not an SBOM: expected CycloneDX JSON/XML or SPDX JSON/tag-value");
    }

    // ------------------------------------------------------------------ CycloneDX JSON

    private static SbomContents cycloneDxJson(JsonNode root, String where) {
        Collector collector = new Collector(where);
        JsonNode subject = root.path("metadata").path("component");
        collectCycloneDxJson(root.path("components"), collector);
        collectCycloneDxJson(subject.path("components"), collector);
        return collector.contents("CycloneDX JSON " + root.path("specVersion").asText(""),
                subject.path("name").asText(null));
    }

    private static void collectCycloneDxJson(JsonNode components, Collector collector) {
        for (JsonNode c : components) {
            String type = c.path("type").asText("");
            if (type.equals("operating-system")) {
                collector.os(PackageBuilder.os(c.path("name").asText(null), c.path("version").asText(null),
                        c.path("description").asText(null)));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (JsonNode p : c.path("properties")) {
                properties.putIfAbsent(p.path("name").asText(), p.path("value").asText());
            }
            List<String> licenses = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                licenses.add(l.has("expression") ? l.get("expression").asText()
                        : l.path("license").path("id").asText(l.path("license").path("name").asText("")));
            }
            collector.component(c.path("purl").asText(null), properties, licenses);
            collectCycloneDxJson(c.path("components"), collector);
        }
    }

    // ------------------------------------------------------------------ CycloneDX XML

    private static SbomContents cycloneDxXml(byte[] bytes, String where) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not valid XML (" + e.getMessage() + ")", e);
        }
        Element root = document.getDocumentElement();
        if (!root.getLocalName().equals("bom") || root.getNamespaceURI() == null
                || !root.getNamespaceURI().startsWith("http://cyclonedx.org/schema/bom/")) {
            throw new IllegalArgumentException("XML that is not a CycloneDX bom (root element "
                    + root.getNodeName() + ")");
        }
        Collector collector = new Collector(where);
        String subject = null;
        Element metadata = child(root, "metadata");
        if (metadata != null && child(metadata, "component") != null) {
            Element component = child(metadata, "component");
            subject = text(component, "name");
            collectCycloneDxXml(child(component, "components"), collector);
        }
        collectCycloneDxXml(child(root, "components"), collector);
        return collector.contents("CycloneDX XML " + root.getNamespaceURI().substring(
                "http://cyclonedx.org/schema/bom/".length()), subject);
    }

    private static void collectCycloneDxXml(Element components, Collector collector) {
        if (components == null) {
            return;
        }
        for (Element c : children(components, "component")) {
            if ("operating-system".equals(c.getAttribute("type"))) {
                collector.os(PackageBuilder.os(text(c, "name"), text(c, "version"), text(c, "description")));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            Element props = child(c, "properties");
            if (props != null) {
                for (Element p : children(props, "property")) {
                    properties.putIfAbsent(p.getAttribute("name"), p.getTextContent().strip());
                }
            }
            List<String> licenses = new ArrayList<>();
            Element ls = child(c, "licenses");
            if (ls != null) {
                for (Element l : children(ls, "license")) {
                    String id = text(l, "id");
                    licenses.add(id != null ? id : String.valueOf(text(l, "name")));
                }
                for (Element e : children(ls, "expression")) {
                    licenses.add(e.getTextContent().strip());
                }
            }
            collector.component(text(c, "purl"), properties, licenses);
            collectCycloneDxXml(child(c, "components"), collector);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    // ------------------------------------------------------------------ SPDX JSON

    private static SbomContents spdxJson(JsonNode root, String where) {
        Collector collector = new Collector(where);
        for (JsonNode p : root.path("packages")) {
            if ("OPERATING-SYSTEM".equals(p.path("primaryPackagePurpose").asText())) {
                collector.os(PackageBuilder.os(p.path("name").asText(null), p.path("versionInfo").asText(null),
                        p.path("description").asText(null)));
                continue;
            }
            String purl = null;
            for (JsonNode ref : p.path("externalRefs")) {
                if ("purl".equals(ref.path("referenceType").asText())) {
                    purl = ref.path("referenceLocator").asText(null);
                    break;
                }
            }
            collector.component(purl, sourceInfo(p.path("sourceInfo").asText("")),
                    PackageBuilder.nonEmpty(List.of(p.path("licenseDeclared").asText(""))));
        }
        return collector.contents(root.path("spdxVersion").asText("SPDX") + " JSON", root.path("name").asText(null));
    }

    // ------------------------------------------------------------------ SPDX tag-value

    private static SbomContents spdxTagValue(String text, String where) {
        Collector collector = new Collector(where);
        String version = "SPDX";
        String documentName = null;
        Map<String, String> current = null;
        List<Map<String, String>> packages = new ArrayList<>();
        boolean inText = false;
        for (String line : text.split("\r?\n")) {
            if (inText) {
                if (line.contains("</text>")) {
                    inText = false;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon < 0) {
                continue;
            }
            String tag = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (value.startsWith("<text>") && !value.contains("</text>")) {
                inText = true;
            }
            value = value.replace("<text>", "").replace("</text>", "");
            switch (tag) {
                case "SPDXVersion" -> version = value;
                case "DocumentName" -> documentName = current == null ? value : documentName;
                case "PackageName" -> {
                    current = new LinkedHashMap<>();
                    current.put("name", value);
                    packages.add(current);
                }
                case "FileName", "Snippet" -> current = null;
                default -> {
                    if (current != null) {
                        if (tag.equals("ExternalRef")) {
                            String[] parts = value.split("\\s+");
                            if (parts.length >= 3 && parts[1].equals("purl")) {
                                current.putIfAbsent("purl", parts[2]);
                            }
                        } else {
                            current.putIfAbsent(tag, value);
                        }
                    }
                }
            }
        }
        for (Map<String, String> p : packages) {
            if ("OPERATING-SYSTEM".equals(p.get("PrimaryPackagePurpose"))) {
                collector.os(PackageBuilder.os(p.get("name"), p.get("PackageVersion"), p.get("PackageSummary")));
                continue;
            }
            collector.component(p.get("purl"), sourceInfo(p.getOrDefault("PackageSourceInfo", "")),
                    PackageBuilder.nonEmpty(List.of(p.getOrDefault("PackageLicenseDeclared", ""))));
        }
        return collector.contents(version + " tag-value", documentName);
    }

    /** SPDX {@code sourceInfo} as Bulwark and Trivy write it, as the properties {@link PackageBuilder} reads. */
    private static Map<String, String> sourceInfo(String sourceInfo) {
        Matcher m = SOURCE_INFO.matcher(sourceInfo);
        if (!m.find()) {
            return Map.of();
        }
        return Map.of("bulwark:package:srcName", m.group(1), "bulwark:package:srcVersion", m.group(2));
    }

    /** Collects packages (deduplicated by purl) and the OS while a document is walked. */
    private static final class Collector {
        private final String where;
        private final List<Package> packages = new ArrayList<>();
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> warnings = new ArrayList<>();
        private OperatingSystem os;

        Collector(String where) {
            this.where = where;
        }

        void os(OperatingSystem found) {
            if (os == null) {
                os = found;
            }
        }

        void component(String purl, Map<String, String> properties, List<String> licenses) {
            if (purl == null || purl.isBlank() || !seen.add(purl.trim())) {
                return;
            }
            try {
                Package p = PackageBuilder.build(purl, properties, PackageBuilder.nonEmpty(licenses), where);
                if (p != null) {
                    packages.add(p);
                }
            } catch (IllegalArgumentException e) {
                warnings.add(where + ": " + e.getMessage() + "; component skipped");
            }
        }

        SbomContents contents(String format, String subject) {
            OperatingSystem detected = os != null ? os : PackageBuilder.osFromPurls(packages);
            List<Package> ordered = new ArrayList<>(packages.stream().filter(p -> p.type().isOperatingSystem())
                    .toList());
            packages.stream().filter(p -> !p.type().isOperatingSystem()).forEach(ordered::add);
            return new SbomContents(format, subject, detected, ordered, warnings);
        }
    }
}
