package dev.bulwark.vuln;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.store.AdvisoryCodec;
import dev.bulwark.vuln.store.EntryCodec;
import dev.bulwark.vuln.store.StoredEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stored record means, independent of how its free-form JSON parts are spelled: the streaming and the tree
 * import paths must store records of equal meaning (compared by the parser test on the corpus and by the fuzz test).
 */
record RecordMeaning(String id, String identity, boolean withdrawn, int entriesWithoutPackage, int gitRanges,
                     Instant modified, List<String> keys, List<OsvAffected> entries, OsvRecord body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AdvisoryCodec ADVISORIES = new AdvisoryCodec(MAPPER);

    static RecordMeaning of(ParsedDocument.Record r) {
        List<String> keys = new ArrayList<>();
        List<OsvAffected> entries = new ArrayList<>();
        for (ParsedDocument.Entry e : r.entries()) {
            keys.add(e.ecosystem() + "/" + e.key());
            StoredEntry stored = EntryCodec.decode(1, r.id(), e.ecosystem(), e.encoded());
            try {
                entries.add(stored.hasDetails()
                        ? OsvParser.withDetails(stored.matchPart(), MAPPER.readTree(stored.details()))
                        : stored.matchPart());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return new RecordMeaning(r.id(), r.identity(), r.withdrawn(), r.entriesWithoutPackage(), r.gitRanges(),
                r.modified(), keys, entries, r.body().length == 0 ? null : ADVISORIES.decode(r.body()));
    }
}
