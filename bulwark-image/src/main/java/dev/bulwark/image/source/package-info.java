/**
 * The image sources: docker-archive and OCI layout (as directory or tar, plain or compressed) and unpacked root
 * filesystems. Each turns its format into {@link dev.bulwark.image.ImageMetadata} plus layer streams; only
 * {@link dev.bulwark.image.ImageOpener} should construct them.
 */
package dev.bulwark.image.source;
