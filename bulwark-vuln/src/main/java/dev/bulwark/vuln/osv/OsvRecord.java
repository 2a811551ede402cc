package dev.bulwark.vuln.osv;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One OSV advisory as far as Bulwark uses it (https://ossf.github.io/osv-schema/). Unknown fields are ignored;
 * {@code database_specific} is kept for display.
 *
 * @param id the advisory id, e.g. {@code GHSA-jfh8-c2jp-5v3q}
 * @param modified when it last changed, or {@code null} when absent or unparsable
 * @param published when it was published, or {@code null}
 * @param withdrawn when it was withdrawn, or {@code null}; withdrawn records are never matched
 * @param aliases ids of the same vulnerability in other databases
 * @param upstream ids this record was derived from (OSV 1.7), e.g. the CVEs of a DSA
 * @param related ids of related vulnerabilities (AlmaLinux puts its CVEs here)
 * @param summary one line, or empty
 * @param details longer text, or empty
 * @param severity top-level severity ratings
 * @param affected affected packages
 * @param references reference URLs
 * @param databaseSpecific {@code database_specific}, possibly empty
 */
public record OsvRecord(String id, Instant modified, Instant published, Instant withdrawn, List<String> aliases,
                        List<String> upstream, List<String> related, String summary, String details,
                        List<OsvSeverity> severity, List<OsvAffected> affected, List<String> references,
                        Map<String, Object> databaseSpecific) {

    public OsvRecord {
        aliases = List.copyOf(aliases);
        upstream = List.copyOf(upstream);
        related = List.copyOf(related);
        summary = summary == null ? "" : summary;
        details = details == null ? "" : details;
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
        references = List.copyOf(references);
        databaseSpecific = Map.copyOf(databaseSpecific);
    }
}
