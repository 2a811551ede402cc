package dev.bulwark.runtime.state;

/**
 * What is known about a container: from container events in a capture, or for the live sensor from the cgroup
 * path (id and runtime only).
 */
public record ContainerInfo(String id, String type, String name, String image, boolean privileged, String tag) {

    /** The host pseudo-container: {@code container.id = host}. */
    public static final ContainerInfo HOST = new ContainerInfo("host", "host", "host", "", false);

    /** A container whose image tag, if any, is the one written in {@code image}. */
    public ContainerInfo(String id, String type, String name, String image, boolean privileged) {
        this(id, type, name, image, privileged, "");
    }

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

    /** The tag the runtime reported ({@code imagetag}), else the one in {@code repo:tag}, else empty. */
    public String imageTag() {
        if (!tag.isEmpty()) {
            return tag;
        }
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
