package dev.bulwark.config.internal.kubernetes.checks;

import dev.bulwark.config.internal.kubernetes.ClusterCheck;
import dev.bulwark.config.internal.rbac.RbacChecks;
import java.util.List;

/** Every built-in cross-resource Kubernetes check. */
public final class ClusterChecks {

    private ClusterChecks() {
    }

    public static List<ClusterCheck> all() {
        List<ClusterCheck> checks = new java.util.ArrayList<>(List.of(new ServiceAccountTokenCheck(),
                new NetworkPolicyCoverageCheck(), new NetworkPolicyTargetsCheck(), new ServiceTargetsCheck()));
        checks.addAll(RbacChecks.all());
        return List.copyOf(checks);
    }
}
