package dev.bulwark.sbom.analyzer.rpm;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Reads {@code rpmdb.sqlite} (Fedora 33+, RHEL 9): table {@code Packages(hnum, blob)} holds one header blob per
 * package. The database is a private copy in the cache directory, opened read-only and {@code immutable} so that
 * SQLite neither writes nor looks for journal files.
 */
final class SqliteRpmDbReader implements RpmDatabase {

    @Override
    public void read(Path file, Consumer<byte[]> blobs, Consumer<String> problems) throws IOException {
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro&immutable=1";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hnum, blob FROM Packages")) {
            while (rows.next()) {
                byte[] blob = rows.getBytes(2);
                if (blob == null) {
                    problems.accept("package " + rows.getLong(1) + " has no header blob; skipped");
                } else {
                    blobs.accept(blob);
                }
            }
        } catch (SQLException e) {
            problems.accept("not a readable rpm sqlite database (" + e.getMessage() + ")");
        }
    }
}
