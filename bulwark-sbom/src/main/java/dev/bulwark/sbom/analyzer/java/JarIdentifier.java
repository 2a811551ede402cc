package dev.bulwark.sbom.analyzer.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides what Maven artifacts a jar is: every {@code pom.properties} (so a shaded jar yields each artifact it
 * merged), else the manifest ({@code Implementation-*}, {@code Bundle-*}) with the artifact id from the file name,
 * else the file name alone. A group id missing from the manifest is taken from a small table of publishers known to
 * ship without {@code pom.properties} (Spring), and only when the jar confirms it.
 */
final class JarIdentifier {

    /** One identity; {@code self} is the jar's own identity, the others are artifacts shaded into it. */
    record Identity(String groupId, String artifactId, String version, String source, boolean self) {
        String name() {
            return groupId == null ? artifactId : groupId + ":" + artifactId;
        }
    }

    private record KnownGroup(String artifactPrefix, String groupId, String packageDir, String modulePrefix) {
    }

    private final List<KnownGroup> knownGroups;

    JarIdentifier() {
        this.knownGroups = loadKnownGroups();
    }

    List<Identity> identify(String fileName, JarContents contents) {
        JarFileName file = JarFileName.parse(fileName);
        List<Identity> identities = new ArrayList<>();
        if (!contents.poms.isEmpty()) {
            JarContents.PomProperties own = ownPom(file, contents.poms);
            for (JarContents.PomProperties pom : contents.poms) {
                identities.add(new Identity(pom.groupId(), pom.artifactId(), pom.version(), "pom.properties",
                        pom == own));
            }
            if (own != null) {
                return identities;
            }
        }
        Map<String, String> manifest = contents.manifest;
        String version = first(manifest, "Implementation-Version", "Bundle-Version", "Specification-Version");
        if (file.version() != null && (version == null || !file.version().startsWith(version))) {
            version = file.version(); // the file name is more specific than a manifest written by another build
        }
        if (version == null) {
            if (identities.isEmpty()) {
                identities.add(new Identity(null, file.artifactId(), "", "file name", true));
            }
            return identities;
        }
        String groupId = first(manifest, "Implementation-Vendor-Id");
        String source = "manifest";
        if (groupId == null) {
            groupId = knownGroup(file.artifactId(), contents);
        }
        if (groupId == null) {
            groupId = groupFromSymbolicName(first(manifest, "Bundle-SymbolicName"), file.artifactId());
        }
        if (manifest.isEmpty()) {
            source = "file name";
        }
        identities.add(new Identity(groupId, file.artifactId(), version, source, true));
        return identities;
    }

    /** The pom.properties that describes the jar itself: the one matching the file name, or the only one. */
    private static JarContents.PomProperties ownPom(JarFileName file, List<JarContents.PomProperties> poms) {
        for (JarContents.PomProperties pom : poms) {
            if (pom.artifactId().equals(file.artifactId())
                    && (file.version() == null || file.version().equals(pom.version()))) {
                return pom;
            }
        }
        for (JarContents.PomProperties pom : poms) {
            if (pom.artifactId().equals(file.artifactId())) {
                return pom;
            }
        }
        return poms.size() == 1 ? poms.getFirst() : null;
    }

    private String knownGroup(String artifactId, JarContents contents) {
        String module = contents.manifest.getOrDefault("Automatic-Module-Name", "");
        for (KnownGroup known : knownGroups) {
            if (!artifactId.startsWith(known.artifactPrefix())) {
                continue;
            }
            boolean hasClasses = contents.classDirectories.stream().anyMatch(d -> d.startsWith(known.packageDir()));
            if (hasClasses || module.startsWith(known.modulePrefix())) {
                return known.groupId();
            }
        }
        return null;
    }

    /** {@code org.apache.commons.lang3} with artifact {@code commons-lang3}: no reliable group; only exact forms. */
    private static String groupFromSymbolicName(String symbolicName, String artifactId) {
        if (symbolicName == null) {
            return null;
        }
        int semicolon = symbolicName.indexOf(';'); // directives follow: name;singleton:=true
        String name = (semicolon < 0 ? symbolicName : symbolicName.substring(0, semicolon)).trim();
        String suffix = "." + artifactId;
        if (name.endsWith(suffix) && name.length() > suffix.length()) {
            return name.substring(0, name.length() - suffix.length());
        }
        return null;
    }

    private static String first(Map<String, String> manifest, String... keys) {
        for (String key : keys) {
            String value = manifest.get(key);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static List<KnownGroup> loadKnownGroups() {
        List<KnownGroup> groups = new ArrayList<>();
        try (InputStream in = JarIdentifier.class.getResourceAsStream("/dev/bulwark/sbom/java-groups.tsv")) {
            if (in == null) {
                throw new IllegalStateException("java-groups.tsv missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    groups.add(new KnownGroup(cols[0], cols[1], cols[2], cols[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        groups.sort(Comparator.comparingInt((KnownGroup g) -> g.artifactPrefix().length()).reversed());
        return groups;
    }
}
