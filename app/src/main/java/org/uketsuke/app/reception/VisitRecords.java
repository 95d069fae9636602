package org.uketsuke.app.reception;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Qualification;

/**
 * What the kiosk's confirmations leave behind: one entry each in the audit log (when the terminal keeps one) and one
 * row each in the staff's reception history. The outbox already holds a confirmation, so a failing audit log never
 * loses it; it raises the trail's alarm, which stops the next confirmations ({@link AuditTrail}).
 */
final class VisitRecords {

    private final ReceptionServices services;
    private final List<Consumer<ReceptionRecord>> listeners = new CopyOnWriteArrayList<>();

    VisitRecords(ReceptionServices services) {
        this.services = services;
    }

    void onRecord(Consumer<ReceptionRecord> listener) {
        listeners.add(listener);
    }

    /** @param certificate the card's certificate expiry where the staff should tell the patient about it */
    void confirmed(
            VisitContext visit,
            Qualification qualification,
            IdentityMethod method,
            Optional<CertificateExpiry> certificate) {
        publish(ReceptionRecord.confirmed(services.clock().instant(), qualification)
                .withMethod(method)
                .withCertificate(certificate)
                .withAssistance(Assistance.of(visit.proof())));
    }

    void failed(VisitContext visit, Problem problem, IdentityMethod method) {
        publish(ReceptionRecord.failed(services.clock().instant(), problem)
                .withMethod(method)
                .withAssistance(Assistance.of(visit.proof())));
    }

    private void publish(ReceptionRecord record) {
        listeners.forEach(listener -> listener.accept(record));
    }

    /**
     * @param outcome {@code CONFIRMED}, {@code REGISTERED_FOR_INSURANCE_USE} or {@code REJECTED_<reason>}
     * @param insurance the confirmed insurance, stored only as a hash
     */
    void audit(VisitContext visit, IdentityMethod method, String outcome, Optional<InsuranceCardId> insurance) {
        if (services.audit().isEmpty()) {
            return;
        }
        AuditTrail audit = services.audit().get();
        String staffId = visit.proof().orElse(null) instanceof IdentityProof.VisualCheck v ? v.staffId() : null;
        audit.append(new AuditEvent(
                services.clock().instant(),
                audit.terminalId(),
                staffId,
                method.name(),
                outcome,
                insurance
                        .map(i -> AuditEvent.hash(i.insurer().value(), i.symbol(), i.number(), i.branch()))
                        .orElse(""),
                visit.card()
                        .map(card -> AuditEvent.hash(card.authCertificate()))
                        .orElse(""),
                // 介助者: only the kind of help, never who (the staff id of a 目視確認 is the entry's staff field).
                Assistance.of(visit.proof())
                        .map(a -> AuditEvent.assisted(a.kind().name()))
                        .orElse("")));
    }
}
