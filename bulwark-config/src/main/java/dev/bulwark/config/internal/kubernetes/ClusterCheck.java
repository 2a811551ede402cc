package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import java.util.List;

/**
 * A Kubernetes check written in Java because it looks across resources (a namespace without a NetworkPolicy, a
 * Service that selects no pod) or needs more than CEL offers. It judges the resources it applies to.
 */
public interface ClusterCheck {

    CheckDescriptor descriptor();

    /** The verdicts on the resources this check applies to. */
    List<Judgement> check(ClusterView cluster);

    /**
     * A verdict on one resource.
     *
     * @param resource the resource judged
     * @param violations what is wrong with it (empty when it passes)
     */
    record Judgement(KubernetesResource resource, List<Violation> violations) {
    }
}
