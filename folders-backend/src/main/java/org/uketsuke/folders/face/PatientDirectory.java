package org.uketsuke.folders.face;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.JdbcRececonStore;
import org.uketsuke.bridge.store.JdbcRececonStore.StoredInsurance;
import org.uketsuke.eligibility.Qualification;

/**
 * The clinic's patients as the importer may look them up: the insurance rows of the レセコン store
 * ({@link JdbcRececonStore#insurancesBornOn}), matched by {@link PatientMatching}.
 */
@FunctionalInterface
public interface PatientDirectory {

    /** No store to look in: every result is {@link PatientMatch.Unavailable}. */
    PatientDirectory NONE = birthdate -> {
        throw new SQLException("no database store is configured");
    };

    /** Every stored insurance of patients born that day. */
    List<StoredInsurance> bornOn(LocalDate birthdate) throws SQLException;

    static PatientDirectory of(JdbcRececonStore store) {
        return store::insurancesBornOn;
    }

    /** The terminal's database store (the shared PostgreSQL store when there is one), else {@link #NONE}. */
    static PatientDirectory of(RececonBridge bridge) {
        return bridge.databaseStore().map(PatientDirectory::of).orElse(NONE);
    }

    /**
     * Whom {@code confirmed} belongs to. {@code ownKey} is the confirmation's idempotency key: a row this very
     * confirmation already wrote (a re-import after a crash) says nothing about who the patient was before.
     */
    default PatientMatch match(Qualification confirmed, String ownKey) {
        try {
            List<StoredInsurance> born = bornOn(confirmed.birthdate()).stream()
                    .filter(row -> !ownKey.equals(row.lastIdempotencyKey()))
                    .toList();
            return PatientMatching.match(confirmed, born);
        } catch (SQLException e) {
            return new PatientMatch.Unavailable(String.valueOf(e.getMessage()));
        }
    }
}
