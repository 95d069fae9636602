package org.uketsuke.app.reception;

import java.time.Instant;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.eligibility.InsuranceCardId;

/**
 * The audit trail of the confirmations the staff start (by insurance number, the batch pre-check, searches that
 * waited out an outage): one MAC-chained entry each, as this terminal. The outbox already holds the qualification, so
 * a failing log never loses the confirmation; it raises the trail's alarm ({@link AuditTrail}).
 */
public final class ConfirmationAudit {

    /** How the confirmation was started, the audit entry's {@code method}. */
    public enum Source {
        /** A receptionist's search by insurance number (資格確認書, card failure). */
        INSURANCE_NUMBER,
        /** One patient of a 一括照会 batch. */
        BATCH_PRECHECK,
        /** A search by insurance number that waited out an outage and settled later. */
        INSURANCE_NUMBER_RETRIED,
        /** A 照会番号 registered from the staff console (the outcome says REGISTERED, REJECTED_… or UNAVAILABLE_…). */
        REFERENCE_NUMBER,
        /** One patient of a 訪問診療 re-confirmation under the 居宅同意 (bulk exchange OQSmuhvq). */
        RECONFIRM_HOME_VISIT,
        /** One patient of an オンライン診療 re-confirmation under the 居宅同意 (bulk exchange OQSmuonq). */
        RECONFIRM_ONLINE
    }

    private static final ConfirmationAudit NONE = new ConfirmationAudit(null);

    private final AuditTrail audit;

    private ConfirmationAudit(AuditTrail audit) {
        this.audit = audit;
    }

    public static ConfirmationAudit to(AuditTrail audit) {
        return audit == null ? NONE : new ConfirmationAudit(audit);
    }

    /** Whether a new confirmation may start (false while the audit alarm stands). */
    public boolean confirmationsAllowed() {
        return audit == null || audit.confirmationsAllowed();
    }

    /** Records nothing (tests and tools without an audit log). */
    public static ConfirmationAudit none() {
        return NONE;
    }

    /**
     * @param outcome {@code CONFIRMED}, {@code REJECTED_<reason>} or {@code QUEUED_<reason>}
     * @param insurance the searched or confirmed insurance, stored only as a hash; null when there is none
     */
    public void record(Instant at, String staffId, Source source, String outcome, InsuranceCardId insurance) {
        if (audit == null) {
            return;
        }
        try {
            audit.append(new AuditEvent(
                    at,
                    audit.terminalId(),
                    staffId == null ? "" : staffId,
                    source.name(),
                    outcome,
                    insurance == null
                            ? ""
                            : AuditEvent.hash(
                                    insurance.insurer().value(),
                                    insurance.symbol(),
                                    insurance.number(),
                                    insurance.branch()),
                    ""));
        } catch (IllegalArgumentException e) {
            // A staff id outside the token set: a bug of the caller, and still an entry that must not be lost.
            audit.append(new AuditEvent(at, audit.terminalId(), "", source.name(), outcome, "", ""));
        }
    }
}
