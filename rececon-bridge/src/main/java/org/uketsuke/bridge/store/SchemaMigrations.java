package org.uketsuke.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.uketsuke.migrations.SchemaMigrator;
import org.uketsuke.migrations.StoreConventions;
import org.uketsuke.migrations.StoreSchemaException;

/**
 * Versioned schema of the レセコン store: the migrations per dialect, run by the shared {@link SchemaMigrator} under
 * the dialect's lock, so terminals starting together migrate once.
 */
public final class SchemaMigrations {

    /** Every migration, oldest first. Append only: an applied migration is never edited. */
    static final List<String> MIGRATIONS = List.of(
            "V1__confirmation_history",
            "V2__insurance_and_blocks",
            "V3__result_particulars",
            "V4__insurance_by_birthdate",
            "V5__medical_subsidy");

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
        StoreConventions lockFirst = new StoreConventions() {
            @Override
            public void lock(Connection c) throws SQLException {
                dialect.lockForMigration(c);
            }
        };
        return new SchemaMigrator("レセコン", SchemaMigrations.class, dialect.migrationFolder(), MIGRATIONS, lockFirst)
                .migrate(connection);
    }
}
