package dev.bulwark.vuln.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fuzzes the decoders of the database's stored binary forms (a database may be damaged or come from an untrusted
 * mirror). Contract: a stored value decodes or fails with {@link MalformedDataException}, which the database maps
 * to "re-import it" (exit 4), never an arbitrary runtime exception or an allocation sized by a corrupt length.
 */
class StoredDataFuzzTest {

    private static final AdvisoryCodec ADVISORIES = new AdvisoryCodec(new ObjectMapper());

    @FuzzTest(maxDuration = "5m")
    void decodesEntry(byte[] data) {
        try {
            StoredEntry entry = EntryCodec.decode(1, "GHSA-fuzz", "npm", data);
            assertThat(entry.matchPart()).isNotNull();
        } catch (MalformedDataException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodesAdvisory(byte[] data) {
        try {
            assertThat(ADVISORIES.decode(data)).isNotNull();
        } catch (MalformedDataException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
