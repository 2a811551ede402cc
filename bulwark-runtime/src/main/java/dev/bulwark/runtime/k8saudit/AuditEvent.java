package dev.bulwark.runtime.k8saudit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes audit event ({@code audit.k8s.io} Event), as the API server's log or webhook backend writes it.
 *
 * @param json the event object
 * @param num its one-based number in the input
 */
public record AuditEvent(JsonNode json, long num) {
}
