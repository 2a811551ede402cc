package dev.bulwark.config.internal.rbac;

import java.util.List;

/**
 * One RBAC policy rule, with the authorizer's matching semantics: {@code *} matches any verb, group or resource
 * (subresources included), {@code &#42;/exec} any resource's {@code exec} subresource, and {@code resourceNames}
 * limits the rule to named objects.
 *
 * @param apiGroups the API groups
 * @param resources the resources
 * @param verbs the verbs
 * @param resourceNames the object names it is limited to (empty = all)
 * @param nonResourceUrls non-resource URLs (not matched here)
 * @param index the rule's position in its role, for finding its lines
 */
public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames,
                   List<String> nonResourceUrls, int index) {

    public Rule {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        resourceNames = List.copyOf(resourceNames);
        nonResourceUrls = List.copyOf(nonResourceUrls);
    }

    /** True when the rule allows {@code permission} on at least some objects. */
    public boolean allows(Permission permission) {
        return matchesVerb(permission.verb()) && matchesGroup(permission.group()) && matchesResource(permission);
    }

    boolean matchesVerb(String verb) {
        return verbs.contains("*") || verbs.contains(verb);
    }

    boolean matchesGroup(String group) {
        return apiGroups.contains("*") || apiGroups.contains(group);
    }

    boolean matchesResource(Permission permission) {
        String qualified = permission.qualifiedResource();
        for (String resource : resources) {
            if (resource.equals("*") || resource.equals(qualified)
                    || !permission.subresource().isEmpty() && resource.equals("*/" + permission.subresource())) {
                return true;
            }
        }
        return false;
    }

    /** True when the rule grants every verb on every resource of every group. */
    public boolean isWildcardAll() {
        return verbs.contains("*") && resources.contains("*") && apiGroups.contains("*");
    }

    /** True when any of verbs, resources or apiGroups is a wildcard. */
    public boolean hasWildcard() {
        return verbs.contains("*") || resources.contains("*") || apiGroups.contains("*");
    }
}
