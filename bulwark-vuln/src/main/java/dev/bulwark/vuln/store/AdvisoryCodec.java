package dev.bulwark.vuln.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.osv.OsvSeverity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored form of an advisory without its {@code affected} entries: what findings display (ids, dates, texts,
 * severities, references), read only for advisories that matched. {@code database_specific} stays JSON.
 *
 * <pre>
 * string id, instant modified, instant published, string summary, string details,
 * strings aliases, strings upstream, strings related, varint severities { string type, string score },
 * strings references, bytes database_specific (JSON object, or empty)
 * </pre>
 *
 * Withdrawn advisories are never stored, so {@code withdrawn} is not either.
 */
public final class AdvisoryCodec {

    private final ObjectMapper mapper;

    public AdvisoryCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Encodes a record {@link OsvParser#header header} with its raw {@code database_specific} (may be empty). */
    public static byte[] encode(OsvRecord header, byte[] databaseSpecific) {
        BinaryOutput out = new BinaryOutput(256 + header.details().length() + databaseSpecific.length);
        out.writeString(header.id());
        out.writeInstant(header.modified());
        out.writeInstant(header.published());
        out.writeString(header.summary());
        out.writeString(header.details());
        out.writeStrings(header.aliases());
        out.writeStrings(header.upstream());
        out.writeStrings(header.related());
        out.writeVarint(header.severity().size());
        for (OsvSeverity s : header.severity()) {
            out.writeString(s.type());
            out.writeString(s.score());
        }
        out.writeStrings(header.references());
        out.writeBytes(databaseSpecific);
        return out.toByteArray();
    }

    /** Decodes a stored advisory; {@code database_specific} is converted here, once per matched advisory. */
    public OsvRecord decode(byte[] blob) {
        BinaryInput in = new BinaryInput(blob);
        String id = in.readString();
        var modified = in.readInstant();
        var published = in.readInstant();
        String summary = in.readString();
        String details = in.readString();
        List<String> aliases = in.readStrings();
        List<String> upstream = in.readStrings();
        List<String> related = in.readStrings();
        int severityCount = in.readCount();
        List<OsvSeverity> severity = new ArrayList<>(severityCount);
        for (int i = 0; i < severityCount; i++) {
            severity.add(new OsvSeverity(in.readString(), in.readString()));
        }
        List<String> references = in.readStrings();
        byte[] specific = in.readBytes();
        in.expectEnd();
        Map<String, Object> databaseSpecific;
        try {
            databaseSpecific = specific.length == 0 ? Map.of() : OsvParser.specific(mapper.readTree(specific));
        } catch (IOException e) {
            throw new MalformedDataException("database_specific of " + id + " is not JSON");
        }
        return new OsvRecord(id, modified, published, null, aliases, upstream, related, summary, details, severity,
                List.of(), references, databaseSpecific);
    }
}
