package dev.bulwark.core;

import java.time.Instant;

/**
 * One entry of an image config's {@code history}, kept because it tells users which build instruction created a
 * layer and lets Dockerfile checks run against built images.
 *
 * @param created when the step ran, or {@code null}
 * @param createdBy the instruction, e.g. {@code /bin/sh -c #(nop) COPY dir:abc in /app} or
 *     {@code COPY app/ /app/ # buildkit}
 * @param comment the comment, or {@code null}
 * @param emptyLayer true when the step produced no layer (ENV, CMD, ...)
 */
public record HistoryEntry(Instant created, String createdBy, String comment, boolean emptyLayer) {
}
