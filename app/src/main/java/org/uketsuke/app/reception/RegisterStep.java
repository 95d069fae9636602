package org.uketsuke.app.reception;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;

/**
 * 保険証利用登録 with this session's proof: the card's signature over the nonce (PIN verified in this session), or the
 * face check's or the staff's visual check's proof over the statement. Goes on to the confirmation the patient asked
 * for, with the same consents.
 */
record RegisterStep(EligibilityClient client, VisitRecords records) implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(RegisterStep.class);

    @Override
    public Result run(VisitContext visit) {
        if (visit.card().isEmpty() || visit.signed().isEmpty()) {
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
        }
        SignedNonce signed = visit.signed().get();
        VisitContext used = visit.withSignatureUsed();
        RegistrationOutcome outcome = signed.method() == IdentityMethod.PIN
                ? client.registerForInsuranceUse(new InsuranceUseRegistration(
                        visit.card().get().authCertificate(), signed.nonce(), signed.signature()))
                : client.registerByProof(ConfirmStep.request(visit, signed));
        return switch (outcome) {
            case RegistrationOutcome.Registered r -> {
                log.info("card registered for insurance use{}", r.alreadyRegistered() ? " (already was)" : "");
                records.audit(visit, signed.method(), "REGISTERED_FOR_INSURANCE_USE", Optional.empty());
                yield Result.next(used);
            }
            case RegistrationOutcome.Rejected r ->
                Result.end(used, new VisitEvent.Failed(RejectionProblems.of(r.reason())));
            case Unavailable u -> {
                log.warn("registration unavailable: {} {}", u.reason(), u.diagnostic());
                yield Result.end(used, new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            }
        };
    }
}
