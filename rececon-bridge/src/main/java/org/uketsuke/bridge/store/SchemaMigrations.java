package org.uketsuke.bridge.store;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned schema of the レセコン store. Migrations are SQL files {@code V<n>__<what>.sql} per dialect, listed here in
 * order (no classpath scanning); {@code schema_history} records each applied version with the SHA-256 of its text, so a
 * store changed by hand or by a different build is refused instead of silently diverging. All pending migrations run
 * in one transaction under a lock, so terminals starting together migrate once.
 */
public final class SchemaMigrations {

    /** Every migration, oldest first. Append only: an applied migration is never edited. */
    static final List<String> MIGRATIONS =
            List.of("V1__confirmation_history", "V2__insurance_and_blocks", "V3__result_particulars");

    private SchemaMigrations() {}

    /** The newest schema version this build knows. */
    public static int latestVersion() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the store to {@link #latestVersion()}; returns the versions applied now (empty when it was current).
     *
     * @throws StoreSchemaException when the store is newer than this build or an applied migration's text differs
     */
    public static List<Integer> migrate(Connection connection, StoreDialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            dialect.lockForMigration(connection);
            try (Statement s = connection.createStatement()) {
                s.execute("create table if not exists schema_history (version integer primary key,"
                        + " description text not null, checksum text not null, applied_at text not null)");
            }
            Map<Integer, String> applied = applied(connection);
            int newestApplied =
                    applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (newestApplied > MIGRATIONS.size()) {
                throw new StoreSchemaException("the レセコン store has schema version " + newestApplied
                        + ", newer than this program's " + MIGRATIONS.size() + ": update Uketsuke on this terminal");
            }
            List<Integer> now = new ArrayList<>();
            for (int i = 0; i < MIGRATIONS.size(); i++) {
                int version = i + 1;
                String name = MIGRATIONS.get(i);
                String sql = read(dialect, name);
                String checksum = sha256(sql);
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new StoreSchemaException(
                                "schema version " + version + " of the レセコン store was applied" + " from a different "
                                        + name + ".sql (checksum mismatch): the store was changed elsewhere");
                    }
                    continue;
                }
                try (Statement s = connection.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "insert into schema_history (version, description, checksum, applied_at) values (?,?,?,?)")) {
                    record.setInt(1, version);
                    record.setString(2, name.substring(name.indexOf("__") + 2).replace('_', ' '));
                    record.setString(3, checksum);
                    record.setString(4, Instant.now().toString());
                    record.executeUpdate();
                }
                now.add(version);
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

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select version, checksum from schema_history order by version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    /** Splits a migration at the semicolons that end a line; comments are dropped. */
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

    private static String read(StoreDialect dialect, String name) {
        String path = dialect.migrationFolder() + name + ".sql";
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
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
