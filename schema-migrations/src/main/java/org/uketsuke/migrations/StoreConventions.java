package org.uketsuke.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What one store adds around its migration, inside the migration transaction; the defaults add nothing. */
public interface StoreConventions {

    /** Nothing added: a store that was versioned by {@code schema_history} from its first release. */
    StoreConventions NONE = new StoreConventions() {};

    /**
     * SQLite stores that kept their version in {@code pragma user_version} before {@code schema_history}: a store
     * without the history and with user_version {@code n} counts versions 1..n as applied (a baseline), and
     * user_version follows the newest version, so such a store stays readable by older builds' checks.
     */
    StoreConventions SQLITE_USER_VERSION = new StoreConventions() {
        @Override
        public int legacyVersion(Connection connection) throws SQLException {
            try (PreparedStatement q = connection.prepareStatement(
                            "select 1 from sqlite_master where type = 'table' and name = 'schema_history'");
                    ResultSet history = q.executeQuery()) {
                if (history.next()) {
                    return 0;
                }
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("pragma user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }

        @Override
        public void migrated(Connection connection, int latestVersion) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("pragma user_version = " + latestVersion);
            }
        }
    };

    /** First: serialises terminals that migrate the same database at the same moment (e.g. an advisory lock). */
    default void lock(Connection connection) throws SQLException {}

    /**
     * Before {@code schema_history} is created: how many versions a store from before the history already matches
     * (0 when it has a history or is new).
     */
    default int legacyVersion(Connection connection) throws SQLException {
        return 0;
    }

    /** Last, when the store is at {@code latestVersion}. */
    default void migrated(Connection connection, int latestVersion) throws SQLException {}
}
