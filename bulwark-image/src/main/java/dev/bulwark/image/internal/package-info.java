/**
 * Implementation of image reading shared by every source: entry-name safety, decompression, digest verification,
 * limits, and the tar layer reader. Not API: only {@code dev.bulwark.image} is.
 */
package dev.bulwark.image.internal;
