package dev.bulwark.sbom.analyzer.java;

import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.internal.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maven artifacts in Java archives (jar, war, ear, par, Jenkins hpi/jpi), nested ones included: Spring Boot
 * {@code BOOT-INF/lib}, {@code WEB-INF/lib}, jars in ears, to {@value JarArchiveReader#MAX_DEPTH} levels. Each
 * package carries the full nested path ({@code /app/app.jar!/BOOT-INF/lib/x.jar}) and its archive's SHA-1
 * (property {@code sha1}); the outer archive {@code CONTAINS} the nested ones and the artifacts shaded into it.
 */
public final class JarAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("java-archive", 1, "maven",
            List.of("**/*.jar", "**/*.war", "**/*.ear", "**/*.par", "**/*.hpi", "**/*.jpi"),
            Set.of(AnalyzerDescriptor.Tag.INSTALLED));

    private final JarIdentifier identifier = new JarIdentifier();

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size > 0 && JarArchiveReader.isArchiveName(path.toLowerCase(Locale.ROOT));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        JarContents contents;
        JarArchiveReader reader = new JarArchiveReader();
        try {
            contents = reader.read(input.content(), input.tempDir(), 0);
        } catch (JarArchiveReader.NotAnArchiveException e) {
            out.warn(input.path(), e.getMessage() + "; not analysed as a Java archive");
            return;
        }
        if (reader.nestedTooDeep()) {
            out.warn(input.path(), "archives nested more than " + JarArchiveReader.MAX_DEPTH
                    + " levels deep were not read");
        }
        report(input, input.path(), input.fileName(), contents, null, out);
    }

    private void report(AnalyzerInput input, String displayPath, String fileName, JarContents contents,
                        Package container, LayerResult.Builder out) {
        List<Package> own = new ArrayList<>();
        Package self = null;
        for (JarIdentifier.Identity id : identifier.identify(fileName, contents)) {
            Map<String, String> properties = new LinkedHashMap<>();
            if (id.self()) {
                properties.put("sha1", contents.sha1);
            }
            properties.put("identifiedBy", id.source());
            Package p = new Package(PackageType.MAVEN, id.name(), id.version(), null, null, null,
                    Purls.of("maven", id.groupId(), id.artifactId(), id.version().isEmpty() ? null : id.version()),
                    List.of(), List.of(new Location(displayPath, input.layer())), null, properties);
            out.filePackage(input.path(), p);
            own.add(p);
            if (id.self()) {
                self = p;
            }
        }
        Package parent = self != null ? self : container;
        for (Package p : own) {
            if (p != self && parent != null) {
                out.relationship(parent, p, Relationship.Type.CONTAINS);
            }
        }
        if (container != null && self != null) {
            out.relationship(container, self, Relationship.Type.CONTAINS);
        }
        for (JarContents.Nested nested : contents.nested) {
            String name = nested.entry().substring(nested.entry().lastIndexOf('/') + 1);
            report(input, displayPath + "!/" + nested.entry(), name, nested.contents(), parent, out);
        }
    }
}
