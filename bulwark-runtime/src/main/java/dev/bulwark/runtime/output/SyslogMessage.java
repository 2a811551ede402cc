package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An alert as an RFC 5424 syslog message: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG}, with the
 * facility {@code user} and the severity equal to the rule's priority (Falco's priorities are syslog's severities),
 * the event time to the microsecond, {@code MSGID} the event source, no structured data.
 */
final class SyslogMessage {

    private static final int FACILITY_USER = 1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SyslogMessage() {
    }

    static String format(Alert alert, String text, long pid) {
        int pri = FACILITY_USER * 8 + alert.priority().ordinal();
        Instant time = Instant.ofEpochSecond(Math.floorDiv(alert.timeNs(), 1_000_000_000L),
                Math.floorMod(alert.timeNs(), 1_000_000_000L));
        return "<" + pri + ">1 " + TIME.format(time) + " " + token(alert.hostname(), 255) + " bulwark " + pid + " "
                + token(alert.source(), 32) + " - " + text;
    }

    /** A header field: printable US-ASCII without spaces, bounded, or {@code -} when empty. */
    private static String token(String value, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            if (c > 32 && c < 127) {
                b.append(c);
            }
        }
        return b.isEmpty() ? "-" : b.toString();
    }
}
