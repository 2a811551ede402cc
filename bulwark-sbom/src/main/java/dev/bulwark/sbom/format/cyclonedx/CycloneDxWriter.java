package dev.bulwark.sbom.format.cyclonedx;

import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.SbomSubject;
import dev.bulwark.sbom.format.SbomNames;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 (JSON and XML, through cyclonedx-core-java). The image is the metadata component; the distribution
 * is an {@code operating-system} component that depends on its packages; every package carries its files as
 * {@code evidence.occurrences} and Bulwark facts as properties ({@code bulwark:layer:diffID},
 * {@code bulwark:layer:index}, {@code bulwark:package:srcName}, ...). Known relationships become
 * {@code dependencies}.
 */
public final class CycloneDxWriter {

    private static final String IMAGE_REF = "subject";

    public void writeJson(SbomSubject subject, Inventory inventory, Writer out) throws IOException {
        try {
            out.write(BomGeneratorFactory.createJson(Version.VERSION_16, bom(subject, inventory)).toJsonString());
        } catch (GeneratorException e) {
            throw new IOException("cannot write CycloneDX JSON: " + e.getMessage(), e);
        }
    }

    public void writeXml(SbomSubject subject, Inventory inventory, Writer out) throws IOException {
        try {
            out.write(BomGeneratorFactory.createXml(Version.VERSION_16, bom(subject, inventory)).toXmlString());
        } catch (GeneratorException e) {
            throw new IOException("cannot write CycloneDX XML: " + e.getMessage(), e);
        }
    }

    Bom bom(SbomSubject subject, Inventory inventory) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + SbomNames.uuid(subject.name() + "|" + subject.configDigest() + "|"
                + subject.timestamp()));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(subject.timestamp()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("bulwark");
        tool.setVersion(subject.toolVersion());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component root = new Component();
        root.setType(subject.kind().equals("container") ? Component.Type.CONTAINER : Component.Type.FILE);
        root.setName(subject.name());
        root.setBomRef(IMAGE_REF);
        List<Property> rootProperties = new ArrayList<>();
        if (subject.configDigest() != null) {
            rootProperties.add(property("bulwark:image:id", subject.configDigest().toString()));
        }
        subject.repoDigests().forEach(d -> rootProperties.add(property("bulwark:image:repoDigest", d)));
        for (LayerRef layer : subject.layers()) {
            rootProperties.add(property("bulwark:image:diffID", layer.diffId().toString()));
        }
        if (!rootProperties.isEmpty()) {
            root.setProperties(rootProperties);
        }
        metadata.setComponent(root);
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        Dependency rootDependency = new Dependency(IMAGE_REF);
        dependencies.put(IMAGE_REF, rootDependency);
        OperatingSystem os = inventory.os();
        Dependency osDependency = null;
        if (os != null) {
            Component osComponent = new Component();
            osComponent.setType(Component.Type.OPERATING_SYSTEM);
            osComponent.setBomRef(SbomNames.osRef(os));
            osComponent.setName(os.family());
            osComponent.setVersion(os.versionId());
            if (os.prettyName() != null) {
                osComponent.setDescription(os.prettyName());
            }
            components.add(osComponent);
            osDependency = new Dependency(osComponent.getBomRef());
            dependencies.put(osComponent.getBomRef(), osDependency);
            rootDependency.addDependency(new Dependency(osComponent.getBomRef()));
        }
        java.util.Set<String> children = new java.util.HashSet<>();
        inventory.relationships().forEach(r -> children.add(r.child()));
        for (Package p : inventory.packages()) {
            Component c = component(p);
            components.add(c);
            if (p.type().isOperatingSystem() && osDependency != null) {
                osDependency.addDependency(new Dependency(c.getBomRef()));
            } else if (!children.contains(c.getBomRef())) {
                rootDependency.addDependency(new Dependency(c.getBomRef()));
            }
        }
        for (Relationship r : inventory.relationships()) {
            dependencies.computeIfAbsent(r.parent(), Dependency::new).addDependency(new Dependency(r.child()));
        }
        for (Package p : inventory.packages()) {
            dependencies.computeIfAbsent(Inventory.key(p), Dependency::new);
        }
        bom.setComponents(components);
        bom.setDependencies(new ArrayList<>(dependencies.values()));
        return bom;
    }

    private static Component component(Package p) {
        Component c = new Component();
        c.setType(p.properties().containsKey("main") ? Component.Type.APPLICATION : Component.Type.LIBRARY);
        c.setBomRef(Inventory.key(p));
        c.setGroup(SbomNames.group(p));
        c.setName(SbomNames.simpleName(p));
        c.setVersion(p.version());
        if (p.purl() != null) {
            c.setPurl(p.purl());
        }
        if (!p.licenses().isEmpty()) {
            LicenseChoice choice = new LicenseChoice();
            for (String text : p.licenses()) {
                License license = new License();
                license.setName(text);
                choice.addLicense(license);
            }
            c.setLicenses(choice);
        }
        String sha1 = p.properties().get("sha1");
        if (sha1 != null) {
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, sha1)));
        }
        if (!p.locations().isEmpty()) {
            Evidence evidence = new Evidence();
            List<Occurrence> occurrences = new ArrayList<>();
            for (Location location : p.locations()) {
                Occurrence occurrence = new Occurrence();
                occurrence.setLocation(location.path());
                occurrences.add(occurrence);
            }
            evidence.setOccurrences(occurrences);
            c.setEvidence(evidence);
        }
        List<Property> properties = new ArrayList<>();
        properties.add(property("bulwark:package:type", p.type().purlType()));
        if (p.layer() != null) {
            properties.add(property("bulwark:layer:index", String.valueOf(p.layer().index())));
            properties.add(property("bulwark:layer:diffID", p.layer().diffId().toString()));
        }
        if (p.type().isOperatingSystem()) {
            properties.add(property("bulwark:package:srcName", p.sourceNameOrName()));
            properties.add(property("bulwark:package:srcVersion", p.sourceVersionOrVersion()));
        }
        p.properties().forEach((k, v) -> {
            if (!k.equals("sha1")) {
                properties.add(property("bulwark:package:" + k, v));
            }
        });
        c.setProperties(properties);
        return c;
    }

    private static Property property(String name, String value) {
        Property property = new Property();
        property.setName(name);
        property.setValue(value);
        return property;
    }
}
