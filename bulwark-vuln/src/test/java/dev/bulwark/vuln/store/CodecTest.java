package dev.bulwark.vuln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvEvent;
import dev.bulwark.vuln.osv.OsvRange;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.osv.OsvSeverity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binary forms of entries and advisories: what is written is read back, and damage is detected, not guessed. */
class CodecTest {

    private final AdvisoryCodec advisories = new AdvisoryCodec(new ObjectMapper());

    private static OsvAffected entry() {
        return new OsvAffected("Debian:11", "xorg-server", "pkg:deb/debian/xorg-server",
                List.of(new OsvRange("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                        new OsvEvent(OsvEvent.Kind.FIXED, "2:1.20.11-1+deb11u6"))),
                        new OsvRange("GIT", List.of(new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "f00d"),
                                new OsvEvent(OsvEvent.Kind.LIMIT, "*")))),
                List.of("2:1.20.11-1", "2:1.20.11-1+deb11u5 ünïcode"), List.of(), Map.of(), Map.of());
    }

    private static OsvRecord record() {
        return new OsvRecord("DSA-5380-1", Instant.parse("2023-04-01T12:34:56.789Z"),
                Instant.ofEpochSecond(-86_400L * 365), null, List.of("CVE-2023-1393"), List.of("CVE-2023-1393"),
                List.of(), "xorg-server - security update", "A use-after-free … was found.",
                List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")), List.of(),
                List.of("https://security-tracker.debian.org/tracker/DSA-5380-1"), Map.of());
    }

    @Test
    void entryRoundTripsWithItsDetailsKeptAsJson() {
        byte[] details = "{\"database_specific\":{\"status\":\"fixed\"}}".getBytes(StandardCharsets.UTF_8);
        StoredEntry decoded = EntryCodec.decode(7, "DSA-5380-1", "Debian:11", EntryCodec.encode(entry(), details));
        assertThat(decoded.matchPart()).isEqualTo(entry());
        assertThat(decoded.advisory()).isEqualTo(7);
        assertThat(decoded.advisoryId()).isEqualTo("DSA-5380-1");
        assertThat(decoded.details()).isEqualTo(details);
        OsvAffected withoutPurl = new OsvAffected("npm", "semver", null, List.of(), List.of("1.0.0"), List.of(),
                Map.of(), Map.of());
        StoredEntry plain = EntryCodec.decode(1, "x", "npm", EntryCodec.encode(withoutPurl, new byte[0]));
        assertThat(plain.matchPart()).isEqualTo(withoutPurl);
        assertThat(plain.hasDetails()).isFalse();
    }

    @Test
    void advisoryRoundTripsWithDatabaseSpecificConverted() {
        byte[] specific = "{\"cwe_ids\":[\"CWE-416\"],\"severity\":\"HIGH\",\"gone\":null}"
                .getBytes(StandardCharsets.UTF_8);
        OsvRecord decoded = advisories.decode(AdvisoryCodec.encode(record(), specific));
        OsvRecord expected = record();
        assertThat(decoded).usingRecursiveComparison().ignoringFields("databaseSpecific").isEqualTo(expected);
        assertThat(decoded.databaseSpecific()).containsOnly(Map.entry("cwe_ids", List.of("CWE-416")),
                Map.entry("severity", "HIGH"));
        assertThat(advisories.decode(AdvisoryCodec.encode(record(), new byte[0])).databaseSpecific()).isEmpty();
    }

    @Test
    void everyTruncationOfAStoredValueIsReportedAsDamage() {
        byte[] entry = EntryCodec.encode(entry(), "{\"severity\":[]}".getBytes(StandardCharsets.UTF_8));
        for (int n = 0; n < entry.length; n++) {
            byte[] cut = Arrays.copyOf(entry, n);
            assertThatThrownBy(() -> EntryCodec.decode(1, "x", "Debian:11", cut)).as("entry cut at %d", n)
                    .isInstanceOf(MalformedDataException.class);
        }
        byte[] advisory = AdvisoryCodec.encode(record(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        for (int n = 0; n < advisory.length; n++) {
            byte[] cut = Arrays.copyOf(advisory, n);
            assertThatThrownBy(() -> advisories.decode(cut)).as("advisory cut at %d", n)
                    .isInstanceOf(MalformedDataException.class);
        }
    }

    @Test
    void trailingBytesHugeCountsAndUnknownCodesAreDamageNotAllocations() {
        byte[] entry = EntryCodec.encode(entry(), new byte[0]);
        byte[] longer = Arrays.copyOf(entry, entry.length + 1);
        assertThatThrownBy(() -> EntryCodec.decode(1, "x", "Debian:11", longer))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("unread");
        byte[] hugeName = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> EntryCodec.decode(1, "x", "npm", hugeName))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("exceeds");
        byte[] badPurlFlag = {1, 'a', 9};
        assertThatThrownBy(() -> EntryCodec.decode(1, "x", "npm", badPurlFlag))
                .isInstanceOf(MalformedDataException.class);
        byte[] badKind = {1, 'a', 0, 1, 1, 'X', 1, 9, 1, '1', 0, 0};
        assertThatThrownBy(() -> EntryCodec.decode(1, "x", "npm", badKind))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("kind");
        byte[] notJson = AdvisoryCodec.encode(record(), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> advisories.decode(notJson)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("not JSON");
    }
}
