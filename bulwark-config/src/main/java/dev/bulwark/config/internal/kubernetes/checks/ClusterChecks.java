package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import java.util.List;

/** Every built-in cross-resource Kubernetes check. */
public final class ClusterChecks {

    private ClusterChecks() {
    }

    public static List<ClusterCheck> all() {
        return List.of(new ServiceAccountTokenCheck(), new NetworkPolicyCoverageCheck(),
                new NetworkPolicyTargetsCheck(), new ServiceTargetsCheck());
    }
}
