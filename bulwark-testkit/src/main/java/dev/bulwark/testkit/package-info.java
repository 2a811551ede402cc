/**
 * Helpers for tests only (every module depends on this in {@code test} scope): {@link dev.bulwark.testkit.Corpus}
 * finds the shared corpus beside the repository and skips tests cleanly when it is absent;
 * {@link dev.bulwark.testkit.TarBuilder} writes small tar archives in code, the raw material of test images.
 */
package dev.bulwark.testkit;
