package dev.bulwark.vuln.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Writes a new database file in one transaction. The caller writes to a temporary file and renames it into place
 * only after {@link #finish} returned, so readers never see a partial database.
 */
public final class DatabaseWriter implements AutoCloseable {

    private static final int BATCH = 2000;

    private final Connection connection;
    private final PreparedStatement insertAdvisory;
    private final PreparedStatement insertAffected;
    private final PreparedStatement insertKev;
    private long nextRef = 1;
    private int pendingAdvisories;
    private int pendingAffected;

    /** Stats of one ecosystem for {@code db info}. */
    public record EcosystemCount(long records, long entries, String modified) {
    }

    private DatabaseWriter(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("PRAGMA locking_mode=EXCLUSIVE");
            s.execute("PRAGMA temp_store=MEMORY");
            s.execute("PRAGMA cache_size=-65536");
            for (String sql : Schema.CREATE) {
                s.execute(sql);
            }
        }
        connection.setAutoCommit(false);
        insertAdvisory = connection.prepareStatement("INSERT INTO advisory(ref, id, body) VALUES (?,?,?)");
        insertAffected = connection.prepareStatement(
                "INSERT INTO affected(ecosystem, name, advisory, seq, advisory_id, entry) VALUES (?,?,?,?,?,?)");
        insertKev = connection.prepareStatement("INSERT OR REPLACE INTO kev(cve, added) VALUES (?,?)");
    }

    /** Creates the schema in a new, empty file. */
    public static DatabaseWriter create(Path file) throws SQLException {
        return new DatabaseWriter(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    /** Adds an advisory's display part ({@link AdvisoryCodec}) and returns its reference for {@link #addAffected}. */
    public long addAdvisory(String id, byte[] body) throws SQLException {
        long ref = nextRef++;
        insertAdvisory.setLong(1, ref);
        insertAdvisory.setString(2, id);
        insertAdvisory.setBytes(3, body);
        insertAdvisory.addBatch();
        if (++pendingAdvisories >= BATCH) {
            insertAdvisory.executeBatch();
            pendingAdvisories = 0;
        }
        return ref;
    }

    /**
     * Adds entry {@code seq} (its position among the advisory's stored entries) of advisory {@code ref}, encoded by
     * {@link EntryCodec}, under package key {@code nameKey} ({@link PackageKey}).
     */
    public void addAffected(String ecosystem, String nameKey, long ref, int seq, String advisoryId, byte[] entry)
            throws SQLException {
        insertAffected.setString(1, ecosystem);
        insertAffected.setString(2, nameKey);
        insertAffected.setLong(3, ref);
        insertAffected.setInt(4, seq);
        insertAffected.setString(5, advisoryId);
        insertAffected.setBytes(6, entry);
        insertAffected.addBatch();
        if (++pendingAffected >= BATCH) {
            insertAffected.executeBatch();
            pendingAffected = 0;
        }
    }

    public void addKnownExploited(String cve, String dateAdded) throws SQLException {
        insertKev.setString(1, cve);
        insertKev.setString(2, dateAdded);
        insertKev.executeUpdate();
    }

    /** Writes counts and metadata, then commits; {@code complete} is written last. */
    public void finish(Map<String, EcosystemCount> ecosystems, Map<String, String> meta) throws SQLException {
        insertAdvisory.executeBatch();
        insertAffected.executeBatch();
        try (PreparedStatement eco = connection.prepareStatement(
                "INSERT INTO ecosystem(name, records, entries, modified) VALUES (?,?,?,?)");
             PreparedStatement m = connection.prepareStatement(
                     "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)")) {
            for (var e : ecosystems.entrySet()) {
                eco.setString(1, e.getKey());
                eco.setLong(2, e.getValue().records());
                eco.setLong(3, e.getValue().entries());
                eco.setString(4, e.getValue().modified());
                eco.addBatch();
            }
            eco.executeBatch();
            for (var e : meta.entrySet()) {
                m.setString(1, e.getKey());
                m.setString(2, e.getValue());
                m.addBatch();
            }
            m.setString(1, "schema_version");
            m.setString(2, Integer.toString(Schema.VERSION));
            m.addBatch();
            m.executeBatch();
            m.setString(1, "complete");
            m.setString(2, "true");
            m.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        insertAdvisory.close();
        insertAffected.close();
        insertKev.close();
        connection.close();
    }
}
