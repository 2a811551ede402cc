package dev.bulwark.config;

import dev.bulwark.core.Location;

/**
 * The verdict of one check on one subject (a Dockerfile, an image config, a Kubernetes resource): the data behind
 * pass counts and compliance summaries ("which resources meet pss-restricted").
 *
 * @param checkId the check
 * @param location the file
 * @param resource the Kubernetes resource ({@code Kind/namespace/name}), or empty for whole files
 * @param passed true when the check found nothing wrong
 */
public record CheckOutcome(String checkId, Location location, String resource, boolean passed) {
}
