/**
 * Misconfiguration scanning: Dockerfile parsing and checks, image-config checks, Kubernetes manifests (Pod Security
 * Standards, best practices), RBAC analysis and user policies in CEL, producing
 * {@link dev.bulwark.core.Misconfiguration}s.
 */
package dev.bulwark.config;
