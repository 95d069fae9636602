package org.uketsuke.app.reception;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.ConfirmationOutcome;

/**
 * Hands the confirmed qualification to the レセコン store (outbox first, then the sinks), audits it and adds it to the
 * staff's history; ends in {@code Confirmed} for the patient's result screen.
 */
final class HandOverStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(HandOverStep.class);

    private final RececonBridge bridge;
    private final Clock clock;
    private final VisitRecords records;

    HandOverStep(RececonBridge bridge, Clock clock, VisitRecords records) {
        this.bridge = bridge;
        this.clock = clock;
        this.records = records;
    }

    @Override
    public Result run(VisitContext visit) {
        if (visit.confirmed().isEmpty() || visit.signed().isEmpty()) {
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
        }
        ConfirmationOutcome.Confirmed confirmed = visit.confirmed().get();
        SignedNonce signed = visit.signed().get();
        VisitContext after = visit.withHandedOver();
        try {
            bridge.submit(new Confirmation(signed.fileId(), clock.instant(), signed.method(), confirmed));
            records.audit(
                    visit,
                    signed.method(),
                    "CONFIRMED",
                    Optional.of(confirmed.qualification().card()));
            bridge.drain();
        } catch (RuntimeException e) {
            log.error("could not hand the qualification to the レセコン store", e);
            return Result.end(after, new VisitEvent.Failed(Problem.STORE_FAILED));
        }
        records.confirmed(
                visit,
                confirmed.qualification(),
                signed.method(),
                visit.card().flatMap(card -> card.expiry(clock)).filter(CertificateExpiry::hasRenewalNotice));
        return Result.end(after, new VisitEvent.Confirmed(confirmed));
    }
}
