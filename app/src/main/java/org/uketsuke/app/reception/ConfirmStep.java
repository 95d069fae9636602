package org.uketsuke.app.reception;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;

/**
 * The qualification query with the signed nonce and the patient's consents. A confirmation goes on to the hand-off; a
 * card not registered for insurance use, on the PIN path, is offered registration right here.
 */
record ConfirmStep(EligibilityClient client, VisitRecords records) implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(ConfirmStep.class);

    @Override
    public Result run(VisitContext visit) {
        if (visit.card().isEmpty()
                || visit.signed().isEmpty()
                || visit.consents().isEmpty()) {
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
        }
        SignedNonce signed = visit.signed().get();
        IdentityMethod method = signed.method();
        CardConfirmationRequest request = request(visit, signed);
        VisitContext used = visit.withSignatureUsed();
        return switch (client.confirmByCard(request)) {
            case ConfirmationOutcome.Confirmed confirmed -> Result.next(visit.withConfirmed(confirmed));
            case ConfirmationOutcome.Rejected rejected
            when rejected.reason() == RejectionReason.NOT_REGISTERED -> {
                // The holder proved their presence in this card session (PIN, face or the staff's check): the card can
                // be registered right here, as the reader does on every path.
                log.info("card not registered for insurance use: offering registration");
                records.audit(visit, method, "REJECTED_NOT_REGISTERED", Optional.empty());
                yield Result.end(used, new VisitEvent.RegistrationOffered());
            }
            case ConfirmationOutcome.Rejected rejected -> {
                log.info("backend rejected: {} {}", rejected.code(), rejected.reason());
                records.audit(visit, method, "REJECTED_" + rejected.reason().name(), Optional.empty());
                Problem problem = RejectionProblems.of(rejected.reason());
                records.failed(visit, problem, method);
                yield Result.end(used, new VisitEvent.Failed(problem));
            }
            case Unavailable unavailable -> {
                log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                records.failed(visit, Problem.BACKEND_UNAVAILABLE, method);
                yield Result.end(used, new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            }
        };
    }

    /**
     * The request of this visit's proof: the card, the signed nonce, the consents with their 診療区分 and the
     * prescription form.
     */
    static CardConfirmationRequest request(VisitContext visit, SignedNonce signed) {
        return new CardConfirmationRequest(
                visit.card().orElseThrow().authCertificate(),
                signed.nonce(),
                signed.signature(),
                signed.method(),
                visit.consents().orElse(Consents.none()),
                signed.fileId(),
                signed.attestation().orElse(null),
                visit.prescription().orElse(null),
                signed.scenario(),
                signed.cardFace().orElse(null),
                signed.cardFaceSignature());
    }
}
