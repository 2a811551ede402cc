package dev.bulwark.vuln.match;

import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvRecord;

/**
 * One advisory entry that affects a package, before aliases are merged.
 *
 * @param record the advisory
 * @param entry the affected entry that matched
 * @param ecosystem the ecosystem the entry was found in (the finding's data source)
 * @param verdict the range evaluation
 * @param distro true when the ecosystem is the distribution's own (its severity and status rank first)
 */
public record Candidate(OsvRecord record, OsvAffected entry, String ecosystem, RangeEvaluator.Verdict verdict,
                        boolean distro) {
}
