package org.uketsuke.migrations;

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
 * Versioned schema of one store. Migrations are SQL files {@code V<n>__<what>.sql} in one resource folder, listed in
 * order (no classpath scanning); {@code schema_history} records each applied version with the SHA-256 of its text, so
 * a store changed by hand or by a different build is refused instead of silently diverging. All pending migrations
 * run in one transaction.
 *
 * @param store what the store is, for messages (e.g. "population")
 * @param scripts a class of the store's own module: its class loader holds the scripts (the training package's
 *     stores live in an extension class loader)
 * @param folder absolute resource folder of the migrations, ending in {@code /}
 * @param migrations every migration's name without {@code .sql}, oldest first; append only
 * @param conventions what the store adds around the migration (a lock, a legacy baseline)
 */
public record SchemaMigrator(
        String store, Class<?> scripts, String folder, List<String> migrations, StoreConventions conventions) {

    public SchemaMigrator {
        if (store == null || scripts == null || folder == null || migrations == null || conventions == null) {
            throw new IllegalArgumentException("a schema migrator needs all of its parts");
        }
        if (!folder.startsWith("/") || !folder.endsWith("/")) {
            throw new IllegalArgumentException("the migration folder is absolute and ends in /: " + folder);
        }
        migrations = List.copyOf(migrations);
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
            conventions.lock(connection);
            int legacyVersion = conventions.legacyVersion(connection);
            try (Statement s = connection.createStatement()) {
                s.execute("create table if not exists schema_history (version integer primary key,"
                        + " description text not null, checksum text not null, applied_at text not null)");
            }
            refuseNewer(legacyVersion);
            for (int version = 1; version <= legacyVersion; version++) {
                String name = migrations.get(version - 1);
                record(connection, version, name, sha256(read(name)));
            }
            TreeMap<Integer, String> applied = applied(connection);
            refuseNewer(applied.isEmpty() ? 0 : applied.lastKey());
            List<Integer> now = new ArrayList<>();
            for (int version = 1; version <= migrations.size(); version++) {
                String name = migrations.get(version - 1);
                String sql = read(name);
                String checksum = sha256(sql);
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new StoreSchemaException("schema version " + version + " of the " + store
                                + " store was applied from a different " + name
                                + ".sql (checksum mismatch): the store was changed elsewhere");
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
            conventions.migrated(connection, migrations.size());
            connection.commit();
            return now;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void refuseNewer(int storeVersion) {
        if (storeVersion > migrations.size()) {
            throw new StoreSchemaException("the " + store + " store has schema version " + storeVersion
                    + ", newer than this program's " + migrations.size() + ": update Uketsuke on this terminal");
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
        try (InputStream in = scripts.getResourceAsStream(path)) {
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
