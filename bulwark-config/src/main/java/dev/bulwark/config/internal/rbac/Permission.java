package dev.bulwark.config.internal.rbac;

import java.util.Locale;

/**
 * One thing a subject may want to do: a verb on a resource (optionally a subresource) of an API group.
 *
 * @param verb e.g. {@code get}, {@code create}
 * @param group the API group, {@code ""} for the core group
 * @param resource the resource, e.g. {@code pods}
 * @param subresource the subresource, e.g. {@code exec}, or empty
 */
public record Permission(String verb, String group, String resource, String subresource) {

    /**
     * Parses kubectl's {@code resource[/subresource][.group]} notation ({@code pods/exec},
     * {@code deployments.apps}); a resource without a group gets the group Kubernetes serves it from when it is a
     * well-known one, else the core group.
     */
    public static Permission parse(String verb, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        String subresource = "";
        int slash = value.indexOf('/');
        if (slash >= 0) {
            subresource = value.substring(slash + 1);
            value = value.substring(0, slash);
        }
        String group = null;
        int dot = value.indexOf('.');
        if (dot >= 0) {
            group = value.substring(dot + 1);
            value = value.substring(0, dot);
        }
        if (subresource.contains(".")) {
            int subDot = subresource.indexOf('.');
            group = subresource.substring(subDot + 1);
            subresource = subresource.substring(0, subDot);
        }
        if (group == null) {
            group = WellKnownResources.groupOf(value);
        }
        return new Permission(verb.strip().toLowerCase(Locale.ROOT), group, value, subresource);
    }

    /** {@code resource/subresource} as RBAC rules name it. */
    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
        return verb + " " + qualifiedResource() + (group.isEmpty() ? "" : "." + group);
    }
}
