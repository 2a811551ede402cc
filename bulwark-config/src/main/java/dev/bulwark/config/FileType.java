package dev.bulwark.config;

/** The kinds of input the misconfiguration scanner understands; each check targets exactly one. */
public enum FileType {
    /** A Dockerfile or Containerfile. */
    DOCKERFILE,
    /** The runtime config and build history of a built image. */
    IMAGE_CONFIG,
    /** Kubernetes manifests in YAML or JSON, one or many documents. */
    KUBERNETES;

    /** The lower-case name used in policy files and reports ({@code dockerfile}, {@code image-config}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
