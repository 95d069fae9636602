package org.uketsuke.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    private static final List<String> GOOD = List.of("V1__people", "V2__people_birth_date");

    @TempDir
    Path dir;

    private SchemaMigrator migrator(String folder, List<String> migrations, StoreConventions conventions) {
        return new SchemaMigrator(
                "test", SchemaMigratorTest.class, "/org/uketsuke/migrations/" + folder + "/", migrations, conventions);
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
    }

    @Test
    void aNewStoreGetsEveryMigrationOnceWithItsDescription() throws SQLException {
        SchemaMigrator migrator = migrator("good", GOOD, StoreConventions.NONE);
        try (Connection c = open()) {
            assertThat(migrator.migrate(c)).containsExactly(1, 2);
            assertThat(migrator.migrate(c)).isEmpty();
            assertThat(rows(c, "select version || ' ' || description from schema_history order by version"))
                    .containsExactly("1 people", "2 people birth date");
            assertThat(rows(c, "select name from sqlite_master where name = 'people_by_birth_date'"))
                    .hasSize(1);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(migrator.latestVersion()).isEqualTo(2);
    }

    @Test
    void aStoreAtAnOlderVersionGetsOnlyTheNewMigrations() throws SQLException {
        try (Connection c = open()) {
            assertThat(migrator("good", GOOD.subList(0, 1), StoreConventions.NONE)
                            .migrate(c))
                    .containsExactly(1);
            assertThat(migrator("good", GOOD, StoreConventions.NONE).migrate(c)).containsExactly(2);
        }
    }

    @Test
    void anAppliedMigrationWhoseTextChangedIsRefused() throws SQLException {
        SchemaMigrator migrator = migrator("good", GOOD, StoreConventions.NONE);
        try (Connection c = open()) {
            migrator.migrate(c);
            execute(c, "update schema_history set checksum = 'edited-by-hand' where version = 2");
            assertThatThrownBy(() -> migrator.migrate(c))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining("V2__people_birth_date.sql");
        }
    }

    @Test
    void aStoreNewerThanThisBuildIsRefused() throws SQLException {
        SchemaMigrator migrator = migrator("good", GOOD, StoreConventions.NONE);
        try (Connection c = open()) {
            migrator.migrate(c);
            execute(c, "insert into schema_history values (3, 'from a later build', 'x', '2030-01-01T00:00:00Z')");
            assertThatThrownBy(() -> migrator.migrate(c))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("schema version 3, newer than this program's 2");
        }
    }

    @Test
    void aFailingMigrationLeavesTheStoreAsItWas() throws SQLException {
        try (Connection c = open()) {
            migrator("good", GOOD.subList(0, 1), StoreConventions.NONE).migrate(c);
            assertThatThrownBy(() -> migrator("broken", List.of("V1__people", "V2__fails"), StoreConventions.NONE)
                            .migrate(c))
                    .isInstanceOf(SQLException.class);
            assertThat(rows(c, "select name from sqlite_master where name = 'visits'"))
                    .isEmpty();
            assertThat(rows(c, "select version from schema_history")).containsExactly("1");
        }
    }

    @Test
    void aScriptMissingFromTheBuildIsAnError() throws SQLException {
        try (Connection c = open()) {
            assertThatThrownBy(() -> migrator("good", List.of("V1__absent"), StoreConventions.NONE)
                            .migrate(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/org/uketsuke/migrations/good/V1__absent.sql is missing");
        }
    }

    @Test
    void aStoreVersionedByUserVersionBeforeTheHistoryIsBaselinedAndKeepsUserVersionCurrent() throws SQLException {
        try (Connection c = open()) {
            execute(c, "create table people (id integer primary key, name text not null)");
            execute(c, "pragma user_version = 1");
            assertThat(migrator("good", GOOD, StoreConventions.SQLITE_USER_VERSION)
                            .migrate(c))
                    .containsExactly(2);
            assertThat(rows(c, "select version from schema_history order by version"))
                    .containsExactly("1", "2");
            assertThat(rows(c, "pragma user_version")).containsExactly("2");
        }
    }

    @Test
    void aUserVersionNewerThanThisBuildIsRefused() throws SQLException {
        try (Connection c = open()) {
            execute(c, "pragma user_version = 5");
            assertThatThrownBy(() -> migrator("good", GOOD, StoreConventions.SQLITE_USER_VERSION)
                            .migrate(c))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("newer");
        }
    }

    @Test
    void theStoresLockIsTakenBeforeAnythingElse() throws SQLException {
        List<String> calls = new ArrayList<>();
        StoreConventions recording = new StoreConventions() {
            @Override
            public void lock(Connection connection) throws SQLException {
                calls.add("lock, history present: "
                        + !rows(connection, "select name from sqlite_master where name = 'schema_history'")
                                .isEmpty());
            }

            @Override
            public void migrated(Connection connection, int latestVersion) {
                calls.add("migrated to " + latestVersion);
            }
        };
        try (Connection c = open()) {
            migrator("good", GOOD, recording).migrate(c);
        }
        assertThat(calls).containsExactly("lock, history present: false", "migrated to 2");
    }

    @Test
    void statementsEndAtASemicolonThatEndsALineAndCommentLinesAreDropped() {
        assertThat(SchemaMigrator.statements("-- a comment\ncreate table a (x text default ';');\n\n"
                        + "create table b (\n  y integer\n);\ninsert into b values (1)"))
                .containsExactly(
                        "create table a (x text default ';')",
                        "create table b (\n  y integer\n)",
                        "insert into b values (1)");
    }

    @Test
    void aFolderMustBeAbsoluteAndEndInASlash() {
        assertThatThrownBy(() ->
                        new SchemaMigrator("test", SchemaMigratorTest.class, "relative/", GOOD, StoreConventions.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
