package org.uketsuke.app.reception;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.reader.cardface.CardFaceAp;
import org.uketsuke.reader.jpki.Signature;

/**
 * The proof of presence over the visit's nonce, from the visit's one identity proof: the card's signature (PIN
 * verified in this session), or the terminal's signed attestation that it matched the face or that a staff member
 * checked the card photo.
 */
final class SignNonceStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(SignNonceStep.class);

    private final EligibilityClient client;
    private final Optional<UnaryOperator<byte[]>> terminalSigner;
    private final Clock clock;

    private final boolean forRegistration;
    private final Supplier<ConsentScenario> scenario;

    /** @param terminalSigner the terminal's key, where it offers the face path or the staff's check */
    SignNonceStep(EligibilityClient client, Optional<UnaryOperator<byte[]>> terminalSigner, Clock clock) {
        this(client, terminalSigner, clock, () -> ConsentScenario.OUTPATIENT);
    }

    /** @param scenario the 診療区分 the consents are given under (outpatient, or a home visit's first visit) */
    SignNonceStep(
            EligibilityClient client,
            Optional<UnaryOperator<byte[]>> terminalSigner,
            Clock clock,
            Supplier<ConsentScenario> scenario) {
        this(client, terminalSigner, clock, false, scenario);
    }

    private SignNonceStep(
            EligibilityClient client,
            Optional<UnaryOperator<byte[]>> terminalSigner,
            Clock clock,
            boolean forRegistration,
            Supplier<ConsentScenario> scenario) {
        this.client = client;
        this.terminalSigner = terminalSigner;
        this.clock = clock;
        this.forRegistration = forRegistration;
        this.scenario = scenario;
    }

    /**
     * For 保険証利用登録: on the PIN path the card signs the bare nonce (no consents are given by registering); the face
     * and visual paths prove presence as for a confirmation.
     */
    static SignNonceStep forRegistration(
            EligibilityClient client, Optional<UnaryOperator<byte[]>> terminalSigner, Clock clock) {
        return new SignNonceStep(client, terminalSigner, clock, true, () -> ConsentScenario.OUTPATIENT);
    }

    @Override
    public Result run(VisitContext visit) {
        if (visit.card().isEmpty() || visit.proof().isEmpty() || visit.nonce().isEmpty()) {
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
        }
        CardSession card = visit.card().get();
        byte[] nonce = visit.nonce().get();
        // Read once: the statement the proof signs and the request must name the same 診療区分.
        ConsentScenario under = scenario.get();
        Result result = sign(visit, card, nonce, under);
        return result.event().isPresent() || result.visit().signed().isEmpty()
                ? result
                : new Result(
                        result.visit().withSigned(result.visit().signed().get().under(under)), result.event());
    }

    private Result sign(VisitContext visit, CardSession card, byte[] nonce, ConsentScenario under) {
        return switch (visit.proof().get()) {
            case IdentityProof.CardSignature _ ->
                switch (card.card()
                        .signWithAuthKey(
                                forRegistration
                                        ? Digests.sha256(nonce)
                                        : statement(visit, nonce, under).sha256())) {
                    case Signature.Signed signed ->
                        Result.next(visit.withSigned(
                                new SignedNonce(nonce, signed.signature(), IdentityMethod.PIN, Optional.empty())));
                    case Signature.CardRemoved _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
                    case Signature.PinRequired _, Signature.Failed _ ->
                        Result.end(visit, new VisitEvent.Failed(Problem.CARD_UNREADABLE));
                };
            case IdentityProof.FaceMatch face -> faceProof(visit, card, nonce, face.match(), under);
            case IdentityProof.VisualCheck staff ->
                switch (client.visualCheckPasscode(staff.staffId())) {
                    case PasscodeOutcome.Issued issued ->
                        attested(
                                visit,
                                IdentityMethod.VISUAL,
                                new VisualAttestation(
                                        nonce,
                                        Digests.sha256(card.authCertificate()),
                                        statement(visit, nonce, under).sha256(),
                                        issued.passcode()));
                    case Unavailable unavailable -> {
                        log.warn("backend unavailable: {} {}", unavailable.reason(), unavailable.diagnostic());
                        yield Result.end(visit, new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
                    }
                };
        };
    }

    /**
     * The face path: the card-face AP's own key signs the statement (the backend's nonce with the patient's answers),
     * checked here with the signed card face's key before anything is sent, and the terminal attests the match for this
     * card face and this statement.
     */
    private Result faceProof(
            VisitContext visit, CardSession card, byte[] nonce, FaceCheck.Result.Matched m, ConsentScenario under) {
        byte[] statement = statement(visit, nonce, under).sha256();
        byte[] cardSignature;
        switch (new CardFaceAp(card.transport()).signDigest(statement)) {
            case CardFaceAp.DigestSignature.Signed signed -> cardSignature = signed.signature();
            case CardFaceAp.DigestSignature.CardRemoved _ -> {
                return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
            }
            case CardFaceAp.DigestSignature.Failed failed -> {
                log.warn("card-face AP refused to sign the challenge: SW {}", Integer.toHexString(failed.sw()));
                return Result.end(visit, new VisitEvent.Failed(Problem.CARD_NOT_GENUINE));
            }
        }
        if (!m.cardFace().signedByCard(statement, cardSignature)) {
            log.warn("the card-face AP's signature does not verify with the signed card face's key");
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_NOT_GENUINE));
        }
        FaceAttestation attestation = new FaceAttestation(
                nonce,
                Digests.sha256(card.authCertificate()),
                m.cardFace().sha256(),
                statement,
                m.score(),
                m.threshold(),
                m.framesMatched(),
                m.presentationChecks(),
                m.modelVersion(),
                FaceAttestation.MATCH,
                clock.instant());
        return Result.next(visit.withSigned(new SignedNonce(
                nonce,
                terminalSignature(attestation),
                IdentityMethod.FACE,
                Optional.of(attestation),
                Optional.of(m.cardFace()),
                cardSignature)));
    }

    /**
     * What the patient's proof signs: this nonce, this institution, the consents, the 診療区分 they are given under and
     * the prescription form.
     */
    private ConfirmationStatement statement(VisitContext visit, byte[] nonce, ConsentScenario under) {
        return new ConfirmationStatement(
                nonce,
                client.institutionCode(),
                visit.consents().orElse(Consents.none()),
                under,
                visit.prescription().orElse(null));
    }

    private byte[] terminalSignature(Attestation attestation) {
        if (terminalSigner.isEmpty()) {
            throw new IllegalStateException("attestation asked of a terminal assembled without its signer");
        }
        return terminalSigner.get().apply(attestation.bytes());
    }

    private Result attested(VisitContext visit, IdentityMethod method, Attestation attestation) {
        return Result.next(visit.withSigned(new SignedNonce(
                visit.nonce().get(), terminalSignature(attestation), method, Optional.of(attestation))));
    }
}
