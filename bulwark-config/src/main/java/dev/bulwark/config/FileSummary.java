package dev.bulwark.config;

import dev.bulwark.core.Location;

/**
 * What happened to one input of a scan.
 *
 * @param location the file (or image config)
 * @param type what it was read as
 * @param passed checks that passed (per resource for Kubernetes)
 * @param failed checks that failed
 */
public record FileSummary(Location location, FileType type, int passed, int failed) {
}
