package org.uketsuke.mockbackend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few statement shapes the mock backend's SQLite stores use: a query's first row or all rows, an update, and work
 * in one transaction. Parameters are bound in order ({@code null} binds SQL NULL). A failing statement is a bug or a
 * broken state folder here, so it is thrown unchecked with what was being done.
 *
 * <p>Each SQL text is prepared once and kept ({@link #cached}): a confirmation runs about ten of these statements, and
 * preparing each anew (SQLite compiling the text, the driver reading its columns) was a good part of the backend's
 * SQLite time (docs/tuning.md). Not thread-safe, like the connection: every store calls it under its own lock.
 */
final class SqliteStatements {

    /**
     * For a WAL database: commits reach the operating system but are not fsynced one by one (the WAL is synced at
     * checkpoints). A stand-in's state survives a restart of its process, which is what its tests restart; only an OS
     * crash may drop the last commits. Every confirmation records its consents, so a synced commit per request made the
     * disk, not the checks, the backend's limit (docs/tuning.md).
     */
    static final String NO_FSYNC_PER_COMMIT = "pragma synchronous=NORMAL";

    /** Reads one row of a result. */
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Statements that run together. */
    interface Work {
        void run() throws SQLException;
    }

    private final Connection db;
    /** The statements prepared so far, by their SQL text (a fixed set: the stores' texts are constants or few shapes). */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    SqliteStatements(Connection db) {
        this.db = db;
    }

    <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
        List<T> rows = all(sql + " limit 1", row, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    <T> List<T> all(String sql, Row<T> row, Object... parameters) {
        try {
            PreparedStatement q = bound(sql, parameters);
            // Closing the result set resets the statement: no read transaction stays open between calls.
            try (ResultSet rs = q.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            } catch (SQLException | RuntimeException e) {
                forget(sql);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query the store: " + sql, e);
        }
    }

    /** Returns how many rows changed. */
    int update(String sql, Object... parameters) {
        try {
            PreparedStatement q = bound(sql, parameters);
            try {
                return q.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                forget(sql);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the store: " + sql, e);
        }
    }

    /** How many statements are kept prepared (for tests). */
    int cached() {
        return prepared.size();
    }

    /** Runs the work in one transaction: all of it or, when it fails, none. */
    void inTransaction(Work work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return db.prepareStatement(sql);
    }

    /** Binds the parameters in order, e.g. before each row of a batch. */
    static void bind(PreparedStatement q, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            q.setObject(i + 1, parameters[i]);
        }
    }

    /** The kept statement for this text (prepared now if new or closed), its parameters bound. */
    private PreparedStatement bound(String sql, Object... parameters) throws SQLException {
        PreparedStatement q = prepared.get(sql);
        if (q == null || q.isClosed()) {
            q = db.prepareStatement(sql);
            prepared.put(sql, q);
        }
        try {
            q.clearParameters();
            bind(q, parameters);
            return q;
        } catch (SQLException | RuntimeException e) {
            forget(sql);
            throw e;
        }
    }

    /** Closes and drops a kept statement that failed: the next call prepares it afresh. */
    private void forget(String sql) {
        PreparedStatement q = prepared.remove(sql);
        if (q != null) {
            try {
                q.close();
            } catch (SQLException e) {
                // already unusable; the failure being thrown says what went wrong
            }
        }
    }
}
