package dev.bulwark.vuln.store;

import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvEvent;
import dev.bulwark.vuln.osv.OsvRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored form of one {@code affected[]} entry: its ranges already split into typed events, so a lookup decodes
 * a few strings instead of parsing JSON, and its free-form fields as a JSON blob read only when the entry matched.
 *
 * <pre>
 * string name, u8 hasPurl [string purl],
 * varint ranges { string type, varint events { u8 kind (OsvEvent.Kind ordinal), string version } },
 * varint versions { string }, bytes details (JSON object, or empty)
 * </pre>
 *
 * Strings are varint-length-prefixed UTF-8.
 */
public final class EntryCodec {

    private static final OsvEvent.Kind[] KINDS = OsvEvent.Kind.values();

    private EntryCodec() {
    }

    /** Encodes {@code matchPart} (see {@code OsvParser.matchPart}) with its {@code details} JSON (may be empty). */
    public static byte[] encode(OsvAffected matchPart, byte[] details) {
        BinaryOutput out = new BinaryOutput(64 + details.length);
        out.writeString(matchPart.name());
        if (matchPart.purl() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeString(matchPart.purl());
        }
        out.writeVarint(matchPart.ranges().size());
        for (OsvRange r : matchPart.ranges()) {
            out.writeString(r.type());
            out.writeVarint(r.events().size());
            for (OsvEvent e : r.events()) {
                out.writeByte(e.kind().ordinal());
                out.writeString(e.version());
            }
        }
        out.writeStrings(matchPart.versions());
        out.writeBytes(details);
        return out.toByteArray();
    }

    /** Decodes an entry stored under {@code ecosystem}. */
    public static StoredEntry decode(long advisory, String advisoryId, String ecosystem, byte[] blob) {
        BinaryInput in = new BinaryInput(blob);
        String name = in.readString();
        int hasPurl = in.readByte();
        String purl = hasPurl == 1 ? in.readString() : null;
        if (hasPurl > 1) {
            throw new MalformedDataException("bad purl flag " + hasPurl);
        }
        int rangeCount = in.readCount();
        List<OsvRange> ranges = new ArrayList<>(rangeCount);
        for (int i = 0; i < rangeCount; i++) {
            String type = in.readString();
            int eventCount = in.readCount();
            List<OsvEvent> events = new ArrayList<>(eventCount);
            for (int j = 0; j < eventCount; j++) {
                int kind = in.readByte();
                if (kind >= KINDS.length) {
                    throw new MalformedDataException("bad event kind " + kind);
                }
                events.add(new OsvEvent(KINDS[kind], in.readString()));
            }
            ranges.add(new OsvRange(type, events));
        }
        List<String> versions = in.readStrings();
        byte[] details = in.readBytes();
        in.expectEnd();
        return new StoredEntry(advisory, advisoryId,
                new OsvAffected(ecosystem, name, purl, ranges, versions, List.of(), Map.of(), Map.of()), details);
    }
}
