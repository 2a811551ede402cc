package dev.bulwark.vuln.match;

import dev.bulwark.core.Package;
import dev.bulwark.vuln.osv.OsvAffected;
import java.util.function.UnaryOperator;

/**
 * Matches the packages of one ecosystem family against advisories: which packages it handles and how to look them
 * up ({@link #query}), which stored entries apply ({@link #applies}), and how event versions are read
 * ({@link #eventVersion}). One implementation per family, each with exactly one version scheme.
 */
public sealed interface Matcher permits DebMatcher, ApkMatcher, RpmMatcher, LanguageMatcher {

    /** A stable name for provenance, e.g. {@code deb}. */
    String name();

    /** The lookup for {@code pkg}, or {@code null} when this matcher does not handle it. */
    Query query(Package pkg);

    /** Whether a stored entry of advisory {@code advisoryId} applies to {@code pkg}. */
    default boolean applies(String advisoryId, OsvAffected entry, Package pkg) {
        return true;
    }

    /** Rewrites event versions before they are compared (identity unless a rebuild's data is borrowed). */
    default UnaryOperator<String> eventVersion() {
        return UnaryOperator.identity();
    }
}
