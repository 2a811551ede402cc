package dev.bulwark.sbom.analyzer.java;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one archive revealed while it streamed by: every {@code pom.properties}, the manifest's main attributes, the
 * class package directories (to confirm a group id), the nested archives (already identified), and the SHA-1 of the
 * archive's bytes.
 */
final class JarContents {

    /** One {@code META-INF/maven/<group>/<artifact>/pom.properties}. */
    record PomProperties(String groupId, String artifactId, String version, String entry) {
    }

    /** A nested archive and what it contained, with its path inside this archive. */
    record Nested(String entry, JarContents contents) {
    }

    final List<PomProperties> poms = new ArrayList<>();
    final List<Nested> nested = new ArrayList<>();
    final Set<String> classDirectories = new HashSet<>();
    Map<String, String> manifest = Map.of();
    String sha1;
    int entries;
}
