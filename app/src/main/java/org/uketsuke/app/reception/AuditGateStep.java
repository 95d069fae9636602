package org.uketsuke.app.reception;

import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;

/**
 * The audit trail's gate in a visit: before the card is read and again before anything is sent for confirmation, a
 * standing audit alarm ends the visit with {@link Problem#RECEPTION_PAUSED} (the kiosk asks the patient to see the
 * staff). The gate itself is {@link AuditTrail#confirmationsAllowed}.
 */
final class AuditGateStep implements VisitStep {

    private final ReceptionServices services;

    AuditGateStep(ReceptionServices services) {
        this.services = services;
    }

    @Override
    public Result run(VisitContext visit) {
        return services.confirmationsAllowed()
                ? Result.next(visit)
                : Result.end(visit, new VisitEvent.Failed(Problem.RECEPTION_PAUSED));
    }
}
