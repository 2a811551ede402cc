package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.osv.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written RFC 3339 reader must give exactly what {@code java.time} gives, for good and bad input. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2023-04-01T12:00:00Z", "2021-12-10T00:40:56.850Z", "2021-12-10T00:40:56.1Z",
        "2021-12-10T00:40:56.123456789Z", "2022-02-28T23:59:59+05:30", "2022-03-01T00:00:00-08:00",
        "2024-02-29T10:00:00Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-04-31T00:00:00Z", "2023-04-01T24:00:00Z",
        "2023-04-01T23:60:00Z", "2023-04-01T23:59:60Z", "2023-04-01t12:00:00z", "2023-04-01T12:00Z",
        "2023-04-01T12:00:00", "2023-04-01T12:00:00.Z", "2023-04-01T12:00:00.1234567891Z",
        "2023-04-01T12:00:00+18:00", "2023-04-01T12:00:00-00:00", "2023-04-01T12:00:00+05:30:15",
        "2023-04-01 12:00:00Z", "2023-04-01", "not a date", "", "2023-4-01T12:00:00Z",
        "+12023-04-01T12:00:00Z", "2023-04-01T12:00:00.5+01:00", "2021-06-07T00:00:00.000000Z"})
    void readsEveryShapeExactlyAsJavaTimeDoes(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(javaTime(text));
    }

    /** The reference: what the import did before it had a fast path. */
    private static Instant javaTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
