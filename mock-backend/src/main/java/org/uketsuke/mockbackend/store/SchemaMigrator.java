package org.uketsuke.mockbackend.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Versioned schema of one of the mock backend's SQLite stores, the approach of the レセコン bridge's store (without
 * depending on it): migrations are SQL files {@code V<n>__<what>.sql} in one resource folder, listed in order (no
 * classpath scanning); {@code schema_history} records each applied version with the SHA-256 of its text, so a store
 * changed by hand or by a different build is refused instead of silently diverging. Pending migrations run in one
 * transaction.
 *
 * <p>Stores made before the migrator kept their version in {@code pragma user_version}: a store without
 * {@code schema_history} and with user_version {@code n} counts versions 1..n as applied (baseline). The migrator
 * keeps user_version at the newest applied version, so such a store stays readable by older builds' checks.
 */
public final class SchemaMigrator {

    private final String store;
    private final String folder;
    private final List<String> migrations;

    /**
     * @param store what the store is, for messages (e.g. "population")
     * @param folder absolute resource folder of the migrations, ending in {@code /}
     * @param migrations every migration's name without {@code .sql}, oldest first; append only
     */
    public SchemaMigrator(String store, String folder, List<String> migrations) {
        this.store = store;
        this.folder = folder;
        this.migrations = List.copyOf(migrations);
    }

    /** The newest schema version this build knows. */
    public int latestVersion() {
        return migrations.size();
    }

    /**
     * Brings the store to {@link #latestVersion()}; returns the versions applied now (empty when it was current).
     *
     * @throws StoreSchemaException when the store is newer than this build or an applied migration's text differs
     */
    public List<Integer> migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            boolean fresh = !hasHistory(connection);
            try (Statement s = connection.createStatement()) {
                s.execute("create table if not exists schema_history (version integer primary key,"
                        + " description text not null, checksum text not null, applied_at text not null)");
            }
            if (fresh) {
                baseline(connection, userVersion(connection));
            }
            TreeMap<Integer, String> applied = applied(connection);
            int newestApplied = applied.isEmpty() ? 0 : applied.lastKey();
            if (newestApplied > migrations.size()) {
                throw new StoreSchemaException("the " + store + " store has schema version " + newestApplied
                        + ", newer than this program's " + migrations.size());
            }
            List<Integer> now = new ArrayList<>();
            for (int version = 1; version <= migrations.size(); version++) {
                String name = migrations.get(version - 1);
                String sql = read(name);
                String checksum = sha256(sql);
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new StoreSchemaException("schema version " + version + " of the " + store + " store was"
                                + " applied from a different " + name
                                + ".sql (checksum mismatch): it was changed elsewhere");
                    }
                    continue;
                }
                try (Statement s = connection.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                record(connection, version, name, checksum);
                now.add(version);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("pragma user_version = " + migrations.size());
            }
            connection.commit();
            return now;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A store from before the migrator: its user_version says which migrations its tables already match. */
    private void baseline(Connection connection, int userVersion) throws SQLException {
        if (userVersion > migrations.size()) {
            throw new StoreSchemaException("the " + store + " store has schema version " + userVersion
                    + ", newer than this program's " + migrations.size());
        }
        for (int version = 1; version <= userVersion; version++) {
            String name = migrations.get(version - 1);
            record(connection, version, name, sha256(read(name)));
        }
    }

    private static boolean hasHistory(Connection connection) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                        "select 1 from sqlite_master where type = 'table' and name = 'schema_history'");
                ResultSet rs = q.executeQuery()) {
            return rs.next();
        }
    }

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("pragma user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void record(Connection connection, int version, String name, String checksum) throws SQLException {
        try (PreparedStatement record = connection.prepareStatement(
                "insert into schema_history (version, description, checksum, applied_at) values (?,?,?,?)")) {
            record.setInt(1, version);
            record.setString(2, name.substring(name.indexOf("__") + 2).replace('_', ' '));
            record.setString(3, checksum);
            record.setString(4, Instant.now().toString());
            record.executeUpdate();
        }
    }

    private static TreeMap<Integer, String> applied(Connection connection) throws SQLException {
        TreeMap<Integer, String> applied = new TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select version, checksum from schema_history")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    /** Splits a migration at the semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private String read(String name) {
        String path = folder + name + ".sql";
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + path, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
