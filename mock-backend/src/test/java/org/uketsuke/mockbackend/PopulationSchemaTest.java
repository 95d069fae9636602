package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.uketsuke.migrations.StoreSchemaException;

/**
 * The population store's schema is migrated like the bridge's store: a fresh store gets every version, a store made
 * before the migrator keeps its data (and gets the register backfill only if it predates it), a changed migration or
 * a newer store is refused.
 */
class PopulationSchemaTest {

    @TempDir
    Path dir;

    @Test
    void aFreshStoreGetsEveryVersionAndItsPeople() throws Exception {
        Path file = dir.resolve("fresh.db");
        try (PopulationStore store = PopulationStore.open(file, 42L, 7)) {
            assertThat(store.size()).isEqualTo(7);
        }
        assertThat(history(file)).containsExactly(1, 2, 3, 4);
        assertThat(userVersion(file)).isEqualTo(PopulationStore.SCHEMA.latestVersion());
        try (Connection db = open(file)) {
            assertThat(PopulationStore.SCHEMA.migrate(db))
                    .as("a current store needs nothing")
                    .isEmpty();
        }
    }

    @Test
    void aStoreOfTheSchemaBeforeTheMigratorKeepsItsDataAndIsNotBackfilledAgain() throws Exception {
        Path file = legacyStore("v2.db", 2);
        try (PopulationStore store = PopulationStore.open(file, 42L, 50)) {
            assertThat(store.size()).as("its own people, not a new population").isEqualTo(2);
            assertThat(store.lost(1)).isTrue();
            assertThat(store.referenceNumber("1312345678", 0)).contains("K-0001");
            assertThat(store.registeredForInsuranceUse("a1")).isTrue();
            assertThat(store.registeredForInsuranceUse("c3"))
                    .as("version 2 was there: no backfill")
                    .isFalse();
            assertThat(store.certificate("jpki", "c3"))
                    .hasValueSatisfying(e -> assertThat(e.revoked()).isTrue());
        }
        assertThat(history(file)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aStoreFromBeforeTheCertificateRegisterIsBackfilled() throws Exception {
        Path file = legacyStore("v0.db", 0);
        try (Connection db = open(file);
                Statement s = db.createStatement()) {
            s.execute("drop table certificate");
            s.execute("drop table insurance_use");
        }
        try (PopulationStore store = PopulationStore.open(file, 42L, 50)) {
            assertThat(store.size()).isEqualTo(2);
            assertThat(store.certificate("jpki", "a1"))
                    .hasValueSatisfying(e -> assertThat(e.revoked()).isFalse());
            assertThat(store.certificate("jpki", "c3"))
                    .hasValueSatisfying(e -> assertThat(e.revoked()).isTrue());
            assertThat(store.registeredForInsuranceUse("a1")).isTrue();
            assertThat(store.registeredForInsuranceUse("c3")).isTrue();
            assertThat(store.registeredForInsuranceUse("b2"))
                    .as("issued unregistered")
                    .isFalse();
        }
        assertThat(history(file)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anAppliedMigrationWhoseTextChangedIsRefused() throws Exception {
        Path file = dir.resolve("changed.db");
        PopulationStore.open(file, 42L, 3).close();
        try (Connection db = open(file);
                Statement s = db.createStatement()) {
            s.execute("update schema_history set checksum = 'edited-by-hand' where version = 2");
        }
        assertThatThrownBy(() -> PopulationStore.open(file, 42L, 3))
                .isInstanceOf(StoreSchemaException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("V2__certificate_register_and_insurance_use");
    }

    @Test
    void aStoreNewerThanThisBuildIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        PopulationStore.open(file, 42L, 3).close();
        try (Connection db = open(file);
                Statement s = db.createStatement()) {
            s.execute("insert into schema_history values (5, 'from a later build', 'x', '2027-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> PopulationStore.open(file, 42L, 3))
                .isInstanceOf(StoreSchemaException.class)
                .hasMessageContaining("newer");
    }

    private Path legacyStore(String name, int userVersion) throws SQLException, IOException {
        Path file = dir.resolve(name);
        String sql;
        try (InputStream in = getClass().getResourceAsStream("population-before-migrations.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection db = open(file);
                Statement s = db.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("pragma user_version = " + userVersion);
        }
        return file;
    }

    private static List<Integer> history(Path file) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection db = open(file);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select version from schema_history order by version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection db = open(file);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("pragma user_version")) {
            return rs.getInt(1);
        }
    }

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
