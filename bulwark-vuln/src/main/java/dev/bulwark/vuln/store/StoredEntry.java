package dev.bulwark.vuln.store;

import dev.bulwark.vuln.osv.OsvAffected;

/**
 * One stored {@code affected[]} entry as a lookup returns it: what matching reads, decoded, and the free-form
 * details still as JSON (see {@link EntryCodec}).
 *
 * @param advisory the advisory's reference, for {@link AdvisoryStore#advisories}
 * @param advisoryId the advisory's id, e.g. {@code ALSA-2024:0265}
 * @param matchPart package, ranges and versions; no severity, empty specific maps
 * @param details the JSON object of the entry's {@code severity}, {@code ecosystem_specific} and
 *     {@code database_specific}, or an empty array when it has none
 */
public record StoredEntry(long advisory, String advisoryId, OsvAffected matchPart, byte[] details) {

    public boolean hasDetails() {
        return details.length > 0;
    }
}
