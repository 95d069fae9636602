package org.uketsuke.bridge.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * The prepared statements of one connection, by SQL text: on SQLite each text is prepared once and kept until the
 * connection is closed, since sqlite-jdbc caches none and every {@code prepareStatement} is a {@code sqlite3_prepare}
 * (parse and plan) and a driver object; a visit ran about sixteen of them on the outbox and the store
 * (docs/tuning.md, tenth round). On any other database (PostgreSQL: pgjdbc caches statements by text itself) each use
 * prepares its statement and closes it after, as before.
 *
 * <p>What a kept statement must not do is hold anything between uses: a use that reads must close its result set
 * (which resets the statement, so no read transaction stays open and a checkpoint can truncate the WAL); after each
 * use the parameters are cleared (SQLite drops its copies of the last values bound, the last patient's among them); a
 * use that fails closes the statement and the next use prepares it afresh. Not thread-safe, like the connection it
 * belongs to: its owner uses it under its own monitor and closes it before the connection.
 */
public final class KeptStatements implements AutoCloseable {

    /** What is done with a statement; a query closes the result set it opens. */
    @FunctionalInterface
    public interface Use<T> {
        T with(PreparedStatement statement) throws SQLException;
    }

    private final Connection connection;
    private final boolean keep;
    private final Map<String, PreparedStatement> kept = new HashMap<>();
    private long prepared;

    private KeptStatements(Connection connection, boolean keep) {
        this.connection = connection;
        this.keep = keep;
    }

    /** The statements of {@code connection}: kept if it is SQLite's, prepared per use otherwise. */
    public static KeptStatements of(Connection connection) throws SQLException {
        return new KeptStatements(connection, connection.isWrapperFor(SQLiteConnection.class));
    }

    /** Runs {@code use} with the statement for {@code sql}: the kept one, or one prepared now. */
    public <T> T use(String sql, Use<T> use) throws SQLException {
        if (!keep) {
            prepared++;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return use.with(statement);
            }
        }
        PreparedStatement statement = kept.get(sql);
        if (statement == null || statement.isClosed()) {
            prepared++;
            statement = connection.prepareStatement(sql);
            kept.put(sql, statement);
        }
        try {
            T result = use.with(statement);
            statement.clearParameters();
            return result;
        } catch (SQLException | RuntimeException e) {
            forget(sql);
            throw e;
        }
    }

    /** How many statements were prepared through this so far (tests: kept ones are prepared once). */
    public long prepared() {
        return prepared;
    }

    /** How many statements are kept open now. */
    public int kept() {
        return kept.size();
    }

    private void forget(String sql) {
        PreparedStatement statement = kept.remove(sql);
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                // already unusable; the failure being thrown says what went wrong
            }
        }
    }

    /** Closes every kept statement (before the connection is closed or dropped). */
    @Override
    public void close() {
        for (String sql : kept.keySet().toArray(String[]::new)) {
            forget(sql);
        }
    }
}
