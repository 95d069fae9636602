package org.uketsuke.bridge.store;

import java.sql.SQLException;
import java.util.List;
import org.uketsuke.bridge.sink.KeptStatements;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The columns and rows of schema version 3 (V3__result_particulars.sql): every element of a result not in the first two
 * versions, written in the delivery's transaction right after its {@code qualification} row.
 */
final class ParticularsRows {

    static final String UPDATE_QUALIFICATION = "update qualification set card_classification = ?,"
            + " insured_name = ?, name_of_other = ?, name_of_other_kana = ?, sex2 = ?, address = ?,"
            + " post_number = ?, disqualification_date = ?, reason_of_loss = ?, certificate_issuance_date = ?,"
            + " card_valid_date = ?, card_expiration_date = ?, preschool_classification = ?,"
            + " prescription_issue_select = ?, elderly_certificate_date = ?, elderly_valid_start = ?,"
            + " elderly_valid_end = ?, limit_certificate_date = ?, limit_long_term_date = ?"
            + " where idempotency_key = ?";
    static final String UPDATE_SPECIFIC_DISEASE =
            "update specific_disease set certificate_date = ? where idempotency_key = ? and seq = ?";
    static final String INSERT_CONSENT =
            "insert into consent (idempotency_key, kind, flag, consent_time, expiry) values (?,?,?,?,?)";
    static final String INSERT_MEDICAL_TICKET = "insert into medical_ticket (idempotency_key, seq,"
            + " ticket_kind, payer_number, recipient_number, valid_start, valid_end) values (?,?,?,?,?,?,?)";

    private ParticularsRows() {}

    static void write(
            StoreDialect dialect, KeptStatements statements, String key, ResultMessage message, Qualification q)
            throws SQLException {
        ResultParticulars p = q.particulars();
        QualificationDetails d = q.details();
        statements.use(UPDATE_QUALIFICATION, update -> {
            update.setString(1, p.cardClassification().code());
            update.setString(2, p.insuredName());
            update.setString(3, p.nameOfOther());
            update.setString(4, p.nameOfOtherKana());
            update.setString(5, p.sex2());
            update.setString(6, p.address());
            update.setString(7, p.postNumber());
            dialect.bindDate(update, 8, p.disqualificationDate());
            update.setString(9, p.reasonOfLoss());
            dialect.bindDate(update, 10, p.certificateIssuanceDate());
            dialect.bindDate(update, 11, p.cardValidDate());
            dialect.bindDate(update, 12, p.cardExpirationDate());
            update.setString(13, p.preschoolClassification());
            update.setString(14, message.prescriptionIssueSelect());
            dialect.bindDate(
                    update, 15, d.elderly().map(e -> e.certificateDate()).orElse(null));
            dialect.bindDate(update, 16, d.elderly().map(e -> e.validStart()).orElse(null));
            dialect.bindDate(update, 17, d.elderly().map(e -> e.validEnd()).orElse(null));
            dialect.bindDate(update, 18, d.limit().map(l -> l.certificateDate()).orElse(null));
            dialect.bindDate(update, 19, d.limit().map(l -> l.longTermDate()).orElse(null));
            update.setString(20, key);
            return update.executeUpdate();
        });
        List<SpecificDiseaseCertificate> diseases = d.specificDiseases();
        if (!diseases.isEmpty()) {
            statements.use(UPDATE_SPECIFIC_DISEASE, disease -> {
                for (int i = 0; i < diseases.size(); i++) {
                    dialect.bindDate(disease, 1, diseases.get(i).certificateDate());
                    disease.setString(2, key);
                    disease.setInt(3, i + 1);
                    disease.addBatch();
                }
                return disease.executeBatch();
            });
        }
        List<ConsentRecord> consents = p.consents();
        if (!consents.isEmpty()) {
            statements.use(INSERT_CONSENT, consent -> {
                for (ConsentRecord r : consents) {
                    consent.setString(1, key);
                    consent.setString(2, r.kind().name());
                    consent.setString(3, r.flag().code());
                    consent.setString(4, r.consentTime());
                    consent.setString(5, r.expiry());
                    consent.addBatch();
                }
                return consent.executeBatch();
            });
        }
        List<MedicalTicket> tickets = p.medicalTickets();
        if (!tickets.isEmpty()) {
            statements.use(INSERT_MEDICAL_TICKET, ticket -> {
                for (int i = 0; i < tickets.size(); i++) {
                    MedicalTicket t = tickets.get(i);
                    ticket.setString(1, key);
                    ticket.setInt(2, i + 1);
                    ticket.setString(3, t.ticketKind());
                    ticket.setString(4, t.payer().value());
                    ticket.setString(5, t.recipient().value());
                    dialect.bindDate(ticket, 6, t.validStart());
                    dialect.bindDate(ticket, 7, t.validEnd());
                    ticket.addBatch();
                }
                return ticket.executeBatch();
            });
        }
    }
}
