package org.uketsuke.bridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection's kept statements: prepared once, holding nothing between uses, closed when asked. */
class KeptStatementsTest {

    @TempDir
    Path dir;

    private Connection open(Path file) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute("pragma synchronous=FULL");
        }
        return db;
    }

    private static List<Integer> keys(KeptStatements statements, String sql, int below) throws SQLException {
        return statements.use(sql, q -> {
            q.setInt(1, below);
            List<Integer> keys = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getInt(1));
                }
            }
            return keys;
        });
    }

    @Test
    void eachTextIsPreparedOnceOnSqliteAndAnswersTheRowsOfNow() throws SQLException {
        try (Connection db = open(dir.resolve("k.db"));
                KeptStatements statements = KeptStatements.of(db)) {
            try (Statement s = db.createStatement()) {
                s.execute("create table t (k integer primary key, v text)");
            }
            List<PreparedStatement> used = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int k = i;
                statements.use("insert into t values (?, ?)", insert -> {
                    used.add(insert);
                    insert.setInt(1, k);
                    insert.setString(2, "v" + k);
                    return insert.executeUpdate();
                });
                assertThat(keys(statements, "select k from t where k < ? order by k", 3))
                        .hasSize(Math.min(3, i + 1));
            }
            assertThat(statements.prepared()).isEqualTo(2);
            assertThat(statements.kept()).isEqualTo(2);
            assertThat(used).hasSize(50).containsOnly(used.getFirst());
            assertThat(used.getFirst().isClosed()).isFalse();
        }
    }

    @Test
    void noReadStaysOpenBetweenUses() throws SQLException {
        Path file = dir.resolve("w.db");
        try (Connection db = open(file);
                Connection other = open(file);
                KeptStatements statements = KeptStatements.of(db)) {
            try (Statement s = db.createStatement()) {
                s.execute("create table t (k integer primary key)");
            }
            for (int i = 0; i < 10; i++) {
                int k = i;
                statements.use("insert into t values (?)", insert -> {
                    insert.setInt(1, k);
                    return insert.executeUpdate();
                });
            }
            assertThat(keys(statements, "select k from t where k < ? order by k", 100))
                    .hasSize(10);
            // A kept statement left unreset would hold a read snapshot: the WAL could not be truncated (busy = 1)
            // and this connection would not see what the other one writes next.
            try (Statement s = other.createStatement();
                    ResultSet rs = s.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("busy").isZero();
            }
            try (Statement s = other.createStatement()) {
                s.executeUpdate("insert into t values (100)");
            }
            assertThat(keys(statements, "select k from t where k < ? order by k", 1000))
                    .hasSize(11)
                    .endsWith(100);
        }
    }

    @Test
    void theValuesOfAUseAreNotBoundAnyMoreAfterIt() throws SQLException {
        try (Connection db = open(dir.resolve("p.db"));
                KeptStatements statements = KeptStatements.of(db)) {
            String sql = "select ?";
            String bound = statements.use(sql, q -> {
                q.setString(1, "受付　太郎");
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(bound).isEqualTo("受付　太郎");
            String after = statements.use(sql, q -> {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(after).as("the same statement run again without binding").isNull();
            assertThat(statements.prepared()).isEqualTo(1);
        }
    }

    @Test
    void aFailingUseClosesItsStatementAndTheNextUsePreparesItAgain() throws SQLException {
        try (Connection db = open(dir.resolve("f.db"));
                KeptStatements statements = KeptStatements.of(db)) {
            try (Statement s = db.createStatement()) {
                s.execute("create table t (k integer primary key)");
            }
            String insert = "insert into t values (?)";
            List<PreparedStatement> used = new ArrayList<>();
            statements.use(insert, q -> {
                used.add(q);
                q.setInt(1, 1);
                return q.executeUpdate();
            });
            assertThatThrownBy(() -> statements.use(insert, q -> {
                        q.setInt(1, 1);
                        return q.executeUpdate();
                    }))
                    .isInstanceOf(SQLException.class);
            assertThat(used.getFirst().isClosed()).isTrue();
            assertThat(statements.kept()).isZero();
            statements.use(insert, q -> {
                used.add(q);
                q.setInt(1, 2);
                return q.executeUpdate();
            });
            assertThat(used.getLast()).isNotSameAs(used.getFirst());
            assertThat(statements.prepared()).isEqualTo(2);
            assertThat(keys(statements, "select k from t where k < ? order by k", 10))
                    .containsExactly(1, 2);
        }
    }

    @Test
    void closingClosesEveryKeptStatement() throws SQLException {
        try (Connection db = open(dir.resolve("c.db"))) {
            KeptStatements statements = KeptStatements.of(db);
            List<PreparedStatement> used = new ArrayList<>();
            for (String sql : List.of("select 1", "select 2", "select 3")) {
                statements.use(sql, q -> {
                    used.add(q);
                    try (ResultSet rs = q.executeQuery()) {
                        return rs.next();
                    }
                });
            }
            assertThat(used).noneMatch(KeptStatementsTest::closed);
            statements.close();
            assertThat(used).hasSize(3).allMatch(KeptStatementsTest::closed);
            assertThat(statements.kept()).isZero();
            assertThat(db.isClosed())
                    .as("the connection is its owner's to close")
                    .isFalse();
        }
    }

    /**
     * Any other database (PostgreSQL's driver caches statements by text itself) gets a statement prepared for each
     * use and closed after it, as before. The connection here is SQLite's behind a proxy that does not say so.
     */
    @Test
    void onAnotherDatabaseEachUsePreparesAndClosesItsOwn() throws SQLException {
        try (Connection db = open(dir.resolve("o.db"))) {
            Connection notSqlite = (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("isWrapperFor")) {
                            return false;
                        }
                        try {
                            return method.invoke(db, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (KeptStatements statements = KeptStatements.of(notSqlite)) {
                List<PreparedStatement> used = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    statements.use("select 1", q -> {
                        used.add(q);
                        try (ResultSet rs = q.executeQuery()) {
                            return rs.next();
                        }
                    });
                }
                assertThat(statements.prepared()).isEqualTo(3);
                assertThat(statements.kept()).isZero();
                assertThat(used).doesNotHaveDuplicates().allMatch(KeptStatementsTest::closed);
            }
        }
    }

    private static boolean closed(PreparedStatement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
