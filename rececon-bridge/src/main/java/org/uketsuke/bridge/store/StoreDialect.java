package org.uketsuke.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What differs between the two databases a レセコン store lives in. The tables and columns are the same; SQLite keeps
 * dates as ISO text (fixed width, so they sort and compare as text), PostgreSQL as {@code date}/{@code timestamptz}.
 */
public enum StoreDialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    /** Fixed-width UTC instants: text comparison in SQLite then orders them like time. */
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String folder;

    StoreDialect(String folder) {
        this.folder = folder;
    }

    /** The classpath folder of this dialect's migrations. */
    String migrationFolder() {
        return "/org/uketsuke/bridge/store/" + folder + "/";
    }

    /** Per-connection settings: durability for SQLite (WAL, synchronous=FULL), time zone for PostgreSQL. */
    void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            switch (this) {
                case SQLITE -> {
                    s.execute("pragma journal_mode=WAL");
                    s.execute("pragma synchronous=FULL");
                    s.execute("pragma busy_timeout=5000");
                    s.execute("pragma foreign_keys=ON");
                }
                case POSTGRESQL -> s.execute("set time zone 'UTC'");
            }
        }
    }

    /**
     * Serialises schema changes between terminals starting at the same moment: a transaction-scoped advisory lock on
     * PostgreSQL; on SQLite the first write of the migration transaction takes the database lock.
     */
    void lockForMigration(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                // any fixed key: only Uketsuke's migrations take it
                s.execute("select pg_advisory_xact_lock(7470656)");
            }
        }
    }

    void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
        if (date == null) {
            statement.setNull(index, this == SQLITE ? Types.VARCHAR : Types.DATE);
        } else if (this == SQLITE) {
            statement.setString(index, date.toString());
        } else {
            statement.setObject(index, date);
        }
    }

    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (this == SQLITE) {
            statement.setString(index, SQLITE_INSTANT.format(instant));
        } else {
            statement.setTimestamp(index, Timestamp.from(instant));
        }
    }
}
