package org.uketsuke.bridge.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A terminal-private SQLite database that survives kill -9 and power loss once a commit returns: created private
 * ({@link PrivateFiles}), WAL, {@code synchronous=FULL}, a 5 s busy timeout for a second process on the same file.
 * Its commits are counted ({@link DurableWrites}).
 */
public final class DurableSqlite {

    private DurableSqlite() {}

    /** Opens {@code file} (creating it private) and runs {@code schema} on it; the companions are made private too. */
    public static Connection open(Path file, String... schema) throws IOException, SQLException {
        PrivateFiles.prepareDatabase(file);
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute("pragma synchronous=FULL");
            s.execute("pragma busy_timeout=5000");
            for (String statement : schema) {
                s.execute(statement);
            }
            DurableWrites.countCommits(db);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        PrivateFiles.restrictDatabase(file);
        return db;
    }
}
