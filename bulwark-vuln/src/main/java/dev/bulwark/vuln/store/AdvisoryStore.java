package dev.bulwark.vuln.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.DatabaseException;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.osv.OsvRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Read-only access to a database file. Opening checks that the file is a complete SQLite file of the supported
 * schema; any later read error is reported the same way, as a {@link DatabaseException} telling the user to
 * re-import.
 */
public final class AdvisoryStore implements AutoCloseable {

    /** What the user should do about any database problem. */
    public static final String REIMPORT_HINT =
            "re-create it with 'bulwark db import PATH...' or 'bulwark db update'";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final Connection connection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AdvisoryCodec advisoryCodec = new AdvisoryCodec(mapper);
    private final PreparedStatement entriesByNames;
    private final PreparedStatement advisoriesByRefs;

    /** Per-ecosystem counts. */
    public record EcosystemRow(String name, long records, long entries, String modified) {
    }

    private AdvisoryStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.entriesByNames = connection.prepareStatement("SELECT name, advisory, advisory_id, entry FROM affected "
                + "WHERE ecosystem = ? AND name IN (SELECT value FROM json_each(?)) ORDER BY name, advisory, seq");
        this.advisoriesByRefs = connection.prepareStatement(
                "SELECT ref, body FROM advisory WHERE ref IN (SELECT value FROM json_each(?))");
    }

    /** Opens {@code file} read-only after checking it is a complete database of schema {@link Schema#VERSION}. */
    public static AdvisoryStore open(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new DatabaseException(source, "the vulnerability database does not exist; " + REIMPORT_HINT);
        }
        checkFileIntegrity(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1");
            Map<String, String> meta = readMeta(c);
            String version = meta.get("schema_version");
            if (!Integer.toString(Schema.VERSION).equals(version)) {
                throw new DatabaseException(source, "the vulnerability database has schema version " + version
                        + ", this build reads version " + Schema.VERSION + "; " + REIMPORT_HINT);
            }
            if (!"true".equals(meta.get("complete"))) {
                throw new DatabaseException(source, "the vulnerability database is incomplete; " + REIMPORT_HINT);
            }
            return new AdvisoryStore(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw corrupt(source, e);
        } catch (DatabaseException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Rejects files that are not SQLite or whose size disagrees with the page count in the header (truncated). */
    private static void checkFileIntegrity(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(100);
            while (header.hasRemaining() && ch.read(header) > 0) {
                // fill
            }
            byte[] magic = new byte[SQLITE_MAGIC.length];
            header.flip();
            if (header.remaining() < 100) {
                throw new DatabaseException(file.toString(), "the vulnerability database is truncated ("
                        + ch.size() + " bytes); " + REIMPORT_HINT);
            }
            header.get(magic);
            if (!java.util.Arrays.equals(magic, SQLITE_MAGIC)) {
                throw new DatabaseException(file.toString(),
                        "not a Bulwark vulnerability database (no SQLite header); " + REIMPORT_HINT);
            }
            int pageSize = Short.toUnsignedInt(header.getShort(16));
            if (pageSize == 1) {
                pageSize = 65536;
            }
            long pages = Integer.toUnsignedLong(header.getInt(28));
            if (pages != 0 && pageSize * pages != ch.size()) {
                throw new DatabaseException(file.toString(), "the vulnerability database is truncated or damaged ("
                        + ch.size() + " bytes, header says " + pageSize * pages + "); " + REIMPORT_HINT);
            }
        } catch (IOException e) {
            throw new DatabaseException(file.toString(), "cannot read the vulnerability database (" + e.getMessage()
                    + "); " + REIMPORT_HINT, e);
        }
    }

    private static Map<String, String> readMeta(Connection c) throws SQLException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private static DatabaseException corrupt(String source, Exception e) {
        return new DatabaseException(source, "the vulnerability database is unreadable or corrupt (" + e.getMessage()
                + "); " + REIMPORT_HINT, e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, String> meta() {
        try {
            return readMeta(connection);
        } catch (SQLException e) {
            throw corrupt(file.toString(), e);
        }
    }

    /**
     * The stored entries of every package key in {@code names} in {@code ecosystem}, in one query: per key, in
     * import order (advisory, then position in it). Keys without entries are absent.
     */
    public Map<String, List<StoredEntry>> find(String ecosystem, Collection<String> names) {
        Map<String, List<StoredEntry>> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        try {
            entriesByNames.setString(1, ecosystem);
            entriesByNames.setString(2, mapper.writeValueAsString(names));
            try (ResultSet rs = entriesByNames.executeQuery()) {
                String name = null;
                List<StoredEntry> list = null;
                while (rs.next()) {
                    String n = rs.getString(1);
                    if (!n.equals(name)) {
                        name = n;
                        list = out.computeIfAbsent(n, k -> new ArrayList<>());
                    }
                    long advisory = rs.getLong(2);
                    String advisoryId = rs.getString(3);
                    try {
                        list.add(EntryCodec.decode(advisory, advisoryId, ecosystem, rs.getBytes(4)));
                    } catch (MalformedDataException e) {
                        throw damaged("a stored entry of advisory " + advisoryId, e);
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw corrupt(file.toString(), e);
        }
        return out;
    }

    /** The advisories {@code refs} (as {@link StoredEntry#advisory()} gives them), without affected entries. */
    public Map<Long, OsvRecord> advisories(Collection<Long> refs) {
        Map<Long, OsvRecord> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        try {
            advisoriesByRefs.setString(1, mapper.writeValueAsString(refs));
            try (ResultSet rs = advisoriesByRefs.executeQuery()) {
                while (rs.next()) {
                    long ref = rs.getLong(1);
                    try {
                        out.put(ref, advisoryCodec.decode(rs.getBytes(2)));
                    } catch (MalformedDataException e) {
                        throw damaged("stored advisory " + ref, e);
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw corrupt(file.toString(), e);
        }
        for (Long ref : refs) {
            if (!out.containsKey(ref)) {
                throw new DatabaseException(file.toString(), "advisory " + ref + " is missing; " + REIMPORT_HINT);
            }
        }
        return out;
    }

    /** The entry with its free-form details read (for a matched entry). */
    public OsvAffected details(StoredEntry entry) {
        if (!entry.hasDetails()) {
            return entry.matchPart();
        }
        try {
            return OsvParser.withDetails(entry.matchPart(), mapper.readTree(entry.details()));
        } catch (IOException e) {
            throw damaged("the details of a stored entry of advisory " + entry.advisoryId(), e);
        }
    }

    private DatabaseException damaged(String what, Exception e) {
        return new DatabaseException(file.toString(), what + " is damaged (" + e.getMessage() + "); "
                + REIMPORT_HINT, e);
    }

    /** The CVE ids in the CISA KEV catalogue. */
    public Set<String> knownExploited() {
        Set<String> out = new HashSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT cve FROM kev")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw corrupt(file.toString(), e);
        }
        return out;
    }

    public List<EcosystemRow> ecosystems() {
        List<EcosystemRow> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, records, entries, modified FROM ecosystem ORDER BY name")) {
            while (rs.next()) {
                out.add(new EcosystemRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw corrupt(file.toString(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            entriesByNames.close();
            advisoriesByRefs.close();
            connection.close();
        } catch (SQLException e) {
            throw corrupt(file.toString(), e);
        }
    }

}
