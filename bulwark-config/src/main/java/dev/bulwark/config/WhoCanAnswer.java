package dev.bulwark.config;

import java.util.List;

/**
 * The answer to "who can VERB RESOURCE (in NAMESPACE)" over a set of manifests.
 *
 * @param question the question in words, e.g. {@code create pods/exec in namespace shop}
 * @param grants every subject and binding that allows it
 * @param unresolved bindings whose role is neither in the files nor a Kubernetes default, so they may or may not
 *     allow it
 */
public record WhoCanAnswer(String question, List<RbacGrant> grants, List<String> unresolved) {

    public WhoCanAnswer {
        grants = List.copyOf(grants);
        unresolved = List.copyOf(unresolved);
    }
}
