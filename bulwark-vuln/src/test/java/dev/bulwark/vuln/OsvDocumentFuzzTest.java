package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
 * Fuzzes OSV document parsing as the import does it (a mirror's content is untrusted). Contract: any byte string
 * parses to one of the {@link ParsedDocument} outcomes without throwing; every record stored decodes again; and
 * whenever the streaming fast path accepts a document, the tree path stores a record with the same meaning.
 */
class OsvDocumentFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DocumentParser DOCUMENTS = new DocumentParser();
    private static final StreamingRecordParser STREAMING = new StreamingRecordParser(MAPPER.getFactory());
    private static final AdvisoryCodec ADVISORIES = new AdvisoryCodec(MAPPER);

    /** What a stored record means, independent of how its free-form JSON is spelled. */
    record Meaning(String id, String identity, boolean withdrawn, int entriesWithoutPackage, int gitRanges,
                   Instant modified, List<String> keys, List<OsvAffected> entries, OsvRecord body) {
    }

    @FuzzTest(maxDuration = "5m")
    void parsesOsvDocument(byte[] data) {
        ParsedDocument document = DOCUMENTS.parse("fuzz.json", data);
        switch (document) {
            case ParsedDocument.NotJson notJson -> assertThat(notJson.problem()).isNotBlank();
            case ParsedDocument.NotOsv notOsv -> assertThat(notOsv).isNotNull();
            case ParsedDocument.KevCatalog kev -> assertThat(kev.entries()).allSatisfy(e -> assertThat(e).hasSize(2));
            case ParsedDocument.Records records -> records.records().forEach(r -> {
                if (r instanceof ParsedDocument.Record record) {
                    meaning(record);
                }
            });
        }
        ParsedDocument.Record fast = STREAMING.parse(data);
        if (fast != null) {
            ParsedDocument tree = DOCUMENTS.parseTree("fuzz.json", data);
            assertThat(tree).isInstanceOf(ParsedDocument.Records.class);
            List<ParsedDocument.RecordResult> records = ((ParsedDocument.Records) tree).records();
            assertThat(records).singleElement().isInstanceOf(ParsedDocument.Record.class);
            assertThat(meaning(fast)).isEqualTo(meaning((ParsedDocument.Record) records.getFirst()));
        }
    }

    private static Meaning meaning(ParsedDocument.Record r) {
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
        return new Meaning(r.id(), r.identity(), r.withdrawn(), r.entriesWithoutPackage(), r.gitRanges(),
                r.modified(), keys, entries, r.body().length == 0 ? null : ADVISORIES.decode(r.body()));
    }
}
