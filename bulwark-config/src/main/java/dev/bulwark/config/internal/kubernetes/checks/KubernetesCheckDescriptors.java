package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Set;

/** Builds the descriptors of the Java Kubernetes checks. */
final class KubernetesCheckDescriptors {

    private KubernetesCheckDescriptors() {
    }

    static CheckDescriptor describe(String id, Severity severity, String title, String rationale, String resolution,
                                    String reference, List<String> aliases, String... tags) {
        return new CheckDescriptor(id, aliases, title, severity, FileType.KUBERNETES, rationale, resolution,
                List.of(reference), Set.of(tags));
    }
}
