package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @FuzzTest(maxDuration = "5m")
    void parsesOsvDocument(byte[] data) {
        ParsedDocument document = DOCUMENTS.parse("fuzz.json", data);
        switch (document) {
            case ParsedDocument.NotJson notJson -> assertThat(notJson.problem()).isNotBlank();
            case ParsedDocument.NotOsv notOsv -> assertThat(notOsv).isNotNull();
            case ParsedDocument.KevCatalog kev -> assertThat(kev.entries()).allSatisfy(e -> assertThat(e).hasSize(2));
            case ParsedDocument.Records records -> records.records().forEach(r -> {
                if (r instanceof ParsedDocument.Record record) {
                    RecordMeaning.of(record);
                }
            });
        }
        ParsedDocument.Record fast = STREAMING.parse(data);
        if (fast != null) {
            ParsedDocument tree = DOCUMENTS.parseTree("fuzz.json", data);
            assertThat(tree).isInstanceOf(ParsedDocument.Records.class);
            List<ParsedDocument.RecordResult> records = ((ParsedDocument.Records) tree).records();
            assertThat(records).singleElement().isInstanceOf(ParsedDocument.Record.class);
            assertThat(RecordMeaning.of(fast))
                    .isEqualTo(RecordMeaning.of((ParsedDocument.Record) records.getFirst()));
        }
    }

}
