package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.Corpus;
import dev.bulwark.vuln.osv.OsvInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The import's streaming path must store exactly what the tree path stores, and leave every document it is not
 * sure about to the tree path. Compared after decoding, since the free-form JSON may differ in bytes only.
 */
class StreamingRecordParserTest {

    private static final int SAMPLE_PER_ARCHIVE = 150;

    private final ObjectMapper mapper = new ObjectMapper();
    private final DocumentParser documents = new DocumentParser();
    private final StreamingRecordParser streaming = new StreamingRecordParser(mapper.getFactory());


    private ParsedDocument.Record treeRecord(String origin, byte[] json) {
        ParsedDocument doc = documents.parseTree(origin, json);
        assertThat(doc).as(origin).isInstanceOf(ParsedDocument.Records.class);
        List<ParsedDocument.RecordResult> records = ((ParsedDocument.Records) doc).records();
        assertThat(records).as(origin).singleElement().isInstanceOf(ParsedDocument.Record.class);
        return (ParsedDocument.Record) records.getFirst();
    }

    private int assertPathsAgree(Path input, int perArchive) throws IOException {
        int[] compared = {0, 0};
        OsvInputs.read(input, doc -> {
            if (compared[1]++ >= perArchive) {
                doc.read();
                return;
            }
            byte[] json = doc.read();
            ParsedDocument.Record fast = streaming.parse(json);
            if (fast != null) {
                assertThat(RecordMeaning.of(fast)).as(doc.origin())
                        .isEqualTo(RecordMeaning.of(treeRecord(doc.origin(), json)));
                compared[0]++;
            }
        });
        return compared[0];
    }

    @Test
    void streamingAndTreePathsStoreTheSameForEveryTrickyExample() throws IOException {
        Path examples = Corpus.require("advisories/_examples");
        assertThat(assertPathsAgree(examples, Integer.MAX_VALUE)).as("examples read by the streaming path")
                .isGreaterThanOrEqualTo(25);
    }

    @Test
    void streamingAndTreePathsStoreTheSameForASampleOfEveryArchive() throws IOException {
        Path advisories = Corpus.require("advisories");
        List<Path> archives;
        try (Stream<Path> s = Files.list(advisories)) {
            archives = s.map(p -> p.resolve("all.zip")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(archives).hasSizeGreaterThanOrEqualTo(15);
        for (Path archive : archives) {
            assertThat(assertPathsAgree(archive, SAMPLE_PER_ARCHIVE)).as(archive.toString()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // duplicate keys: the tree keeps the last value
        "{\"id\":\"A-1\",\"modified\":\"2020-01-01T00:00:00Z\",\"id\":\"A-2\"}",
        "{\"id\":\"A-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\",\"name\":\"b\"}}]}",
        "{\"id\":\"A-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},"
            + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\",\"introduced\":\"1.0.0\"}]}]}]}",
        // containers where arrays belong: the tree iterates an object's values
        "{\"id\":\"A-1\",\"affected\":{\"x\":{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"}}}}",
        "{\"id\":\"A-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},"
            + "\"ranges\":{\"r\":{\"type\":\"GIT\",\"events\":[]}}}]}",
        // not obviously a single record
        "{\"id\":\" \",\"modified\":\"2020-01-01T00:00:00Z\"}",
        "{\"id\":7,\"modified\":\"2020-01-01T00:00:00Z\"}",
        "{\"id\":\"A-1\",\"summary\":\"no modified, affected or aliases\"}",
        "{\"catalogVersion\":\"1\",\"vulnerabilities\":[]}",
        "[{\"id\":\"A-1\",\"modified\":\"2020-01-01T00:00:00Z\"}]",
        "{\"id\":\"A-1\",\"modified\":\"2020-01-01T00:00:00Z\"} {\"trailing\":true}",
        "{\"id\":\"A-1\",\"modified\":\"2020-01-01T00:00:00Z\"",
        "\uFEFF{\"id\":\"A-1\",\"modified\":\"2020-01-01T00:00:00Z\"}",
    })
    void declinesDocumentsItIsNotSureAboutSoTheTreePathDecides(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(streaming.parse(bytes)).isNull();
        assertThat(documents.parse("doc.json", bytes)).usingRecursiveComparison()
                .isEqualTo(documents.parseTree("doc.json", bytes));
    }

    @Test
    void leavesDocumentsThatAreNotUtf8ToTheTreePath() {
        assertThat(StreamingRecordParser.isUtf8("{\"id\":\"GHSA-1\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StreamingRecordParser.isUtf8("{\"summary\":\"naïve €\"}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(StreamingRecordParser.isUtf8(new byte[] {'{', '"', 'a', (byte) 0xff, '"', '}'})).isFalse();
        assertThat(StreamingRecordParser.isUtf8(new byte[] {'"', (byte) 0xe2, (byte) 0x82})).isFalse(); // cut €
        // An invalid byte in a field name the streaming path skips (found by fuzzing): declined, so both paths agree.
        byte[] invalid;
        try (var in = StreamingRecordParserTest.class.getResourceAsStream(
                "OsvDocumentFuzzTestInputs/parsesOsvDocument/invalid-utf8-in-skipped-field")) {
            invalid = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] valid = invalid.clone();
        for (int i = 0; i < valid.length; i++) {
            valid[i] = valid[i] == (byte) 0xff ? (byte) 'e' : valid[i];
        }
        StreamingRecordParser parser = new StreamingRecordParser(new ObjectMapper().getFactory());
        assertThat(parser.parse(valid)).isNotNull();
        assertThat(parser.parse(invalid)).isNull();
    }

    @Test
    void readsLenientRecordsLikeTheTreePath() {
        String json = """
                {"id": " GHSA-x ", "modified": "2021-12-10T00:40:56.850Z", "published": 5, "withdrawn": null,
                 "aliases": ["CVE-2021-1", " ", 3, null], "severity": [{"type": "CVSS_V3", "score": " v "}, 4,
                 {"type": "x"}], "references": [{"url": "https://a"}, {"type": "WEB"}, "https://b"],
                 "summary": null, "details": "d", "database_specific": {"a": [1, null, {"b": null}], "c": null},
                 "affected": [null, 3, {"package": "npm"}, {"package": {"ecosystem": " npm ", "name": " x ",
                   "purl": 1}, "ranges": [{"type": "GIT", "events": [{"introduced": "0"}]}, "r",
                   {"type": "SEMVER", "events": [{"introduced": "0", "fixed": " 1.0.0 ", "other": "2"}, 5,
                   {"limit": ""}]}, {"events": [{"fixed": "1"}]}],
                   "versions": ["1.0.0", ""], "severity": [], "ecosystem_specific": {"k": "v"}}]}
                """;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ParsedDocument.Record fast = streaming.parse(bytes);
        assertThat(fast).isNotNull();
        RecordMeaning m = RecordMeaning.of(fast);
        assertThat(m).isEqualTo(RecordMeaning.of(treeRecord("doc.json", bytes)));
        assertThat(m.entriesWithoutPackage()).isEqualTo(3);
        assertThat(m.gitRanges()).isEqualTo(1);
        assertThat(m.entries()).singleElement().satisfies(e -> {
            assertThat(e.ranges()).hasSize(2);
            assertThat(e.ecosystemSpecific()).containsEntry("k", "v");
        });
    }
}
