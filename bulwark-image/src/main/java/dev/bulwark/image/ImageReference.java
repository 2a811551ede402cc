package dev.bulwark.image;

import dev.bulwark.core.Digest;
import dev.bulwark.core.UsageException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registry image reference, normalised with Docker's naming rules so that what users type ({@code alpine:3.20})
 * and what registries serve ({@code registry-1.docker.io/library/alpine:3.20}) meet: a first component without
 * {@code .} or {@code :} that is not {@code localhost} is a Docker Hub path; Docker Hub's one-component names live
 * under {@code library/}; a reference without tag or digest means {@code :latest}.
 *
 * @param registry the registry host with optional port, e.g. {@code registry-1.docker.io}, {@code 127.0.0.1:5000}
 * @param repository the repository path, e.g. {@code library/alpine}
 * @param tag the tag, or {@code null} when only a digest is given
 * @param digest the manifest digest, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    /** Docker Hub's API host. */
    public static final String DOCKER_HUB = "registry-1.docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
    private static final int MAX_NAME_LENGTH = 255;

    public ImageReference {
        Objects.requireNonNull(registry, "registry is null");
        Objects.requireNonNull(repository, "repository is null");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("a reference needs a tag or a digest");
        }
    }

    /**
     * Parses a reference such as {@code alpine}, {@code alpine:3.20}, {@code docker.io/library/alpine@sha256:...},
     * {@code 127.0.0.1:5000/team/app:1.0} or {@code ghcr.io/org/app:v1@sha256:...}.
     *
     * @throws UsageException naming the reference and what is wrong with it
     */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "reference is null");
        String rest = text.trim();
        if (rest.isEmpty()) {
            throw invalid(text, "empty reference");
        }
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw invalid(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "invalid tag '" + tag + "'");
            }
        }
        String registry;
        String repository;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
            registry = DOCKER_HUB;
            repository = rest;
        } else {
            registry = first;
            repository = rest.substring(slash + 1);
            if (!HOST.matcher(registry).matches()) {
                throw invalid(text, "invalid registry host '" + registry + "'");
            }
        }
        if (registry.equals("docker.io") || registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (repository.isEmpty()) {
            throw invalid(text, "missing repository name");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(text, "invalid repository name '" + repository
                        + "' (lowercase letters, digits and separators . _ __ - between them)");
            }
        }
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "name longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    private static UsageException invalid(String text, String problem) {
        return new UsageException("image reference '" + text + "'", problem);
    }

    /** What to ask the registry's manifest endpoint for: the digest when there is one (it pins), else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /** {@code registry/repository}, as used in repo tags and digests. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
