package dev.bulwark.config;

import dev.bulwark.core.Location;
import java.util.List;

/**
 * One way a subject gets a permission: through a binding to a role whose rules allow it.
 *
 * @param subjectKind {@code User}, {@code Group} or {@code ServiceAccount}
 * @param subjectName the subject's name
 * @param subjectNamespace the ServiceAccount's namespace, empty otherwise
 * @param scope {@code cluster} for ClusterRoleBindings, else the RoleBinding's namespace
 * @param binding the binding, e.g. {@code RoleBinding/shop/deployers}
 * @param role the role, e.g. {@code ClusterRole/edit}
 * @param resourceNames the object names the grant is limited to, empty when it covers all
 * @param location the binding's file
 * @param line the binding's first line
 */
public record RbacGrant(String subjectKind, String subjectName, String subjectNamespace, String scope,
                        String binding, String role, List<String> resourceNames, Location location, int line) {

    public RbacGrant {
        resourceNames = List.copyOf(resourceNames);
    }

    /** {@code ServiceAccount shop/web}, {@code User alice}, {@code Group devs}. */
    public String subject() {
        return subjectKind.equals("ServiceAccount") ? subjectKind + " " + subjectNamespace + "/" + subjectName
                : subjectKind + " " + subjectName;
    }
}
