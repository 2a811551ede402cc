package dev.bulwark.image.internal;

/** The media types of image manifests and layers that Bulwark reads, and the ones it refuses by name. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    private MediaTypes() {
    }

    /**
     * Whether a layer descriptor's media type is a filesystem layer: OCI {@code tar}, {@code tar+gzip},
     * {@code tar+zstd} (and their non-distributable variants) or Docker's {@code rootfs.diff.tar[.gzip]}. The
     * compression itself is recognised from the bytes, never trusted from the type. Empty means unspecified (old
     * layouts).
     */
    public static boolean isLayer(String mediaType) {
        return mediaType.startsWith("application/vnd.oci.image.layer.")
                || mediaType.startsWith("application/vnd.docker.image.rootfs.")
                || mediaType.isEmpty();
    }

    /** Docker's pre-2017 manifest format, which has no config blob and no diffIDs. */
    public static boolean isSchema1(String mediaType) {
        return mediaType.equals(DOCKER_SCHEMA1) || mediaType.equals(DOCKER_SCHEMA1_SIGNED);
    }
}
