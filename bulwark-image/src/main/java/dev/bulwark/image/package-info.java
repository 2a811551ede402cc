/**
 * Image sources: everything that turns "an image" (a docker-archive, an OCI layout, a registry reference or an
 * unpacked root filesystem) into metadata plus a single sequential stream of layer entries, and the merged,
 * whiteout-aware view of the final filesystem. Owns path normalisation and every safety limit on untrusted layers
 * (traversal, links escaping the root, decompression bombs, digest verification).
 */
package dev.bulwark.image;
