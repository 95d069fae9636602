package org.uketsuke.app.reception;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Unavailable;

/** A fresh nonce from the backend, for the next signature (confirmation or registration). */
final class FetchNonceStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(FetchNonceStep.class);

    private final EligibilityClient client;

    FetchNonceStep(EligibilityClient client) {
        this.client = client;
    }

    @Override
    public Result run(VisitContext visit) {
        return switch (client.nonce()) {
            case NonceOutcome.Issued issued -> Result.next(visit.withNonce(issued.nonce()));
            case Unavailable unavailable -> {
                log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                yield Result.end(visit, new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            }
        };
    }
}
