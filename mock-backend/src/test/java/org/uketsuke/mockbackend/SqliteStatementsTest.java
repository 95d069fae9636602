package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept prepared statements: reused, always answering the current rows, never holding a read open. */
class SqliteStatementsTest {

    @TempDir
    Path dir;

    private Connection open(Path file) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute(SqliteStatements.NO_FSYNC_PER_COMMIT);
        }
        return db;
    }

    @Test
    void eachTextIsPreparedOnceAndAnswersTheRowsOfNow() throws SQLException {
        try (Connection db = open(dir.resolve("s.db"))) {
            SqliteStatements sql = new SqliteStatements(db);
            sql.update("create table t (k integer primary key, v text)");
            for (int i = 0; i < 100; i++) {
                sql.update("insert into t values (?, ?)", i, "v" + i);
                assertThat(sql.first("select v from t where k = ?", rs -> rs.getString(1), i))
                        .contains("v" + i);
                assertThat(sql.all("select k from t where k <= ? order by k", rs -> rs.getInt(1), 1))
                        .isEqualTo(i == 0 ? List.of(0) : List.of(0, 1));
            }
            sql.update("update t set v = ? where k = ?", null, 5);
            assertThat(sql.all("select v from t where k = ?", rs -> rs.getString(1), 5))
                    .containsExactly((String) null); // null bound as SQL NULL on a kept statement
            assertThat(sql.first("select v from t where k = ?", rs -> rs.getString(1), 6))
                    .contains("v6");
            // create, insert, update and three queries (first appends " limit 1" to its text)
            assertThat(sql.cached()).isEqualTo(6);
        }
    }

    @Test
    void noReadStaysOpenBetweenCalls() throws SQLException {
        Path file = dir.resolve("w.db");
        try (Connection db = open(file);
                Connection other = open(file)) {
            SqliteStatements sql = new SqliteStatements(db);
            sql.update("create table t (k integer primary key)");
            for (int i = 0; i < 10; i++) {
                sql.update("insert into t values (?)", i);
            }
            assertThat(sql.all("select k from t order by k", rs -> rs.getInt(1)))
                    .hasSize(10);
            assertThat(sql.first("select k from t where k > ?", rs -> rs.getInt(1), 3))
                    .contains(4);
            // A kept statement that were not reset would hold a read snapshot: the other connection would then not
            // see the WAL truncated (busy = 1) and this connection would not see its rows.
            try (Statement s = other.createStatement();
                    ResultSet rs = s.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("busy").isZero();
            }
            try (Statement s = other.createStatement()) {
                s.executeUpdate("insert into t values (100)");
            }
            assertThat(sql.all("select k from t order by k", rs -> rs.getInt(1)))
                    .hasSize(11)
                    .endsWith(100);
        }
    }

    @Test
    void aFailingStatementIsDroppedAndTheNextCallWorks() throws SQLException {
        try (Connection db = open(dir.resolve("f.db"))) {
            SqliteStatements sql = new SqliteStatements(db);
            sql.update("create table t (k integer primary key)");
            sql.update("insert into t values (?)", 1);
            int kept = sql.cached();
            assertThatThrownBy(() -> sql.update("insert into t values (?)", 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot update the store");
            assertThat(sql.cached()).isEqualTo(kept - 1);
            assertThat(sql.update("insert into t values (?)", 2)).isEqualTo(1);
            assertThatThrownBy(() -> sql.all("select k from t", rs -> {
                        throw new SQLException("a row that does not read");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot query the store");
            assertThat(sql.all("select k from t", rs -> rs.getInt(1))).containsExactly(1, 2);
        }
    }

    @Test
    void aRolledBackTransactionLeavesTheKeptStatementsUsable() throws SQLException {
        try (Connection db = open(dir.resolve("r.db"))) {
            SqliteStatements sql = new SqliteStatements(db);
            sql.update("create table t (k integer primary key)");
            assertThatThrownBy(() -> sql.inTransaction(() -> {
                        sql.update("insert into t values (?)", 7);
                        sql.update("insert into t values (?)", 7);
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(sql.all("select k from t", rs -> rs.getInt(1))).isEmpty();
            sql.inTransaction(() -> sql.update("insert into t values (?)", 7));
            assertThat(sql.all("select k from t", rs -> rs.getInt(1))).containsExactly(7);
        }
    }
}
