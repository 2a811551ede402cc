package dev.bulwark.core;

import java.util.List;
import java.util.Objects;

/**
 * A failed configuration check in a Dockerfile, image config, Kubernetes manifest or RBAC rule.
 *
 * @param checkId Bulwark's check id, e.g. {@code BW-DS-002}
 * @param aliases the equivalent ids of other tools (hadolint {@code DL3002}, Trivy {@code DS002}, checkov
 *     {@code CKV_DOCKER_3}, ...)
 * @param title what the check enforces
 * @param severity the check's severity
 * @param location the file (and layer for image configs)
 * @param startLine first line of the offending part, 1-based (0 when unknown)
 * @param endLine last line of the offending part
 * @param resource the Kubernetes resource ({@code Deployment/default/web}) or Dockerfile stage, or empty
 * @param message what is wrong in this instance
 * @param resolution how to fix it
 * @param references URLs explaining the rationale
 */
public record Misconfiguration(
        String checkId,
        List<String> aliases,
        String title,
        Severity severity,
        Location location,
        int startLine,
        int endLine,
        String resource,
        String message,
        String resolution,
        List<String> references) implements Finding {

    public Misconfiguration {
        Objects.requireNonNull(checkId, "checkId is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(location, "location is null");
        aliases = List.copyOf(aliases);
        resource = resource == null ? "" : resource;
        references = List.copyOf(references);
    }

    @Override
    public String id() {
        return checkId;
    }
}
