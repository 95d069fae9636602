package org.uketsuke.app.reception;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.eligibility.InsuranceCardId;

/**
 * The audit trail of the confirmations the staff start (by insurance number, the batch pre-check, searches that
 * waited out an outage): one hash-chained entry each, as this terminal. Best effort like the kiosk's: the outbox
 * already holds the qualification, so a failing log is reported, never a reason to lose the confirmation.
 */
public final class ConfirmationAudit {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationAudit.class);

    /** How the confirmation was started, the audit entry's {@code method}. */
    public enum Source {
        /** A receptionist's search by insurance number (資格確認書, card failure). */
        INSURANCE_NUMBER,
        /** One patient of a 一括照会 batch. */
        BATCH_PRECHECK,
        /** A search by insurance number that waited out an outage and settled later. */
        INSURANCE_NUMBER_RETRIED
    }

    private static final ConfirmationAudit NONE = new ConfirmationAudit(null, "none");

    private final AuditLog audit;
    private final String terminalId;

    private ConfirmationAudit(AuditLog audit, String terminalId) {
        this.audit = audit;
        this.terminalId = terminalId;
    }

    public static ConfirmationAudit to(AuditLog audit, String terminalId) {
        return audit == null ? NONE : new ConfirmationAudit(audit, terminalId);
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
                    terminalId,
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
        } catch (AuditLogException | IllegalArgumentException e) {
            log.error("audit log: {}", e.getMessage());
        }
    }
}
