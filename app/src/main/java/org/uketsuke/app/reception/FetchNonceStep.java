package org.uketsuke.app.reception;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Unavailable;

/**
 * A fresh nonce from the backend, for the next signature (confirmation or registration): the one prefetched for this
 * card session when there is one ({@link NoncePrefetch}), else asked for now.
 */
final class FetchNonceStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(FetchNonceStep.class);

    private final NoncePrefetch nonces;

    /** Without a prefetch: every nonce is asked for when the step runs. */
    FetchNonceStep(EligibilityClient client) {
        this(new NoncePrefetch(client, Clock.systemUTC()));
    }

    FetchNonceStep(NoncePrefetch nonces) {
        this.nonces = nonces;
    }

    @Override
    public Result run(VisitContext visit) {
        return switch (nonces.take(visit.card())) {
            case NonceOutcome.Issued issued -> Result.next(visit.withNonce(issued.nonce()));
            case Unavailable unavailable -> {
                log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                yield Result.end(visit, new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            }
        };
    }
}
