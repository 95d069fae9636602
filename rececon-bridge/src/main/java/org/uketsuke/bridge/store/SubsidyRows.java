package org.uketsuke.bridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.uketsuke.bridge.sink.KeptStatements;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;

/**
 * The PMH 医療費助成 of a result in schema version 5 (V5__medical_subsidy.sql, docs/spec-notes/pmh.md): the answer's
 * status on the {@code qualification} row and one {@code medical_subsidy} row per 受給者証, written in the delivery's
 * transaction right after the other particulars.
 */
final class SubsidyRows {

    static final String UPDATE_STATUS = "update qualification set medical_subsidy_status = ? where idempotency_key = ?";
    static final String INSERT_SUBSIDY = "insert into medical_subsidy (idempotency_key, seq, kind,"
            + " payer_number, payer_checked, recipient_number, municipality, valid_start, valid_end,"
            + " self_pay_per_visit, self_pay_monthly_limit) values (?,?,?,?,?,?,?,?,?,?,?)";

    private SubsidyRows() {}

    static void write(StoreDialect dialect, KeptStatements statements, String key, MedicalSubsidies answer)
            throws SQLException {
        statements.use(UPDATE_STATUS, status -> {
            status.setString(1, answer.status().code());
            status.setString(2, key);
            return status.executeUpdate();
        });
        List<MedicalSubsidy> subsidies = answer.subsidies();
        if (subsidies.isEmpty()) {
            return;
        }
        statements.use(INSERT_SUBSIDY, row -> {
            for (int i = 0; i < subsidies.size(); i++) {
                MedicalSubsidy s = subsidies.get(i);
                row.setString(1, key);
                row.setInt(2, i + 1);
                row.setString(3, s.kind().code());
                row.setString(4, s.payer().value());
                row.setInt(5, s.payer().checked() ? 1 : 0);
                row.setString(6, s.recipient() == null ? null : s.recipient().value());
                row.setString(7, s.municipality());
                dialect.bindDate(row, 8, s.validStart());
                dialect.bindDate(row, 9, s.validEnd());
                setYen(row, 10, s.copay().perVisitYen());
                setYen(row, 11, s.copay().monthlyCapYen());
                row.addBatch();
            }
            return row.executeBatch();
        });
    }

    private static void setYen(PreparedStatement row, int index, Integer yen) throws SQLException {
        if (yen == null) {
            row.setNull(index, Types.INTEGER);
        } else {
            row.setInt(index, yen);
        }
    }
}
