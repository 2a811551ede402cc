package dev.bulwark.runtime.state;

/**
 * What is known about a container: from container events in a capture, or for the live sensor from the cgroup
 * path (id and runtime only).
 */
public record ContainerInfo(String id, String type, String name, String image, boolean privileged) {

    /** The host pseudo-container: {@code container.id = host}. */
    public static final ContainerInfo HOST = new ContainerInfo("host", "host", "host", "", false);

    /** {@code repo} of {@code repo:tag} or {@code repo@digest}. */
    public String imageRepository() {
        String image = this.image;
        int at = image.indexOf('@');
        if (at >= 0) {
            image = image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    public String imageTag() {
        String image = this.image;
        int at = image.indexOf('@');
        if (at >= 0) {
            image = image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
    }

    public String imageDigest() {
        int at = image.indexOf('@');
        return at >= 0 ? image.substring(at + 1) : "";
    }
}
