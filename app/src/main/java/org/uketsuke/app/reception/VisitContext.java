package org.uketsuke.app.reception;

import java.util.Optional;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

/**
 * What one visit has learnt so far, handed from step to step; each step returns a new one. Nothing of it outlives the
 * visit: the end-visit step closes the card session and starts again from {@link #EMPTY}.
 *
 * @param nonce the backend's nonce for the next signature, once fetched
 * @param signed the nonce with the proof of presence over it, once signed
 * @param confirmed the backend's confirmation, until it is handed to the レセコン store
 * @param timings machine time spent on this visit so far
 */
record VisitContext(
        Optional<CardSession> card,
        Optional<IdentityProof> proof,
        Optional<Consents> consents,
        Optional<PrescriptionForm> prescription,
        Optional<byte[]> nonce,
        Optional<SignedNonce> signed,
        Optional<ConfirmationOutcome.Confirmed> confirmed,
        VisitTimings timings) {

    static final VisitContext EMPTY = new VisitContext(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            VisitTimings.NONE);

    VisitContext withCard(CardSession session) {
        return new VisitContext(Optional.of(session), proof, consents, prescription, nonce, signed, confirmed, timings);
    }

    VisitContext withProof(IdentityProof how) {
        return new VisitContext(card, Optional.of(how), consents, prescription, nonce, signed, confirmed, timings);
    }

    VisitContext withConsents(Consents given, Optional<PrescriptionForm> form) {
        return new VisitContext(card, proof, Optional.of(given), form, nonce, signed, confirmed, timings);
    }

    VisitContext withNonce(byte[] fresh) {
        return new VisitContext(
                card, proof, consents, prescription, Optional.of(fresh), Optional.empty(), confirmed, timings);
    }

    VisitContext withSigned(SignedNonce proven) {
        return new VisitContext(
                card, proof, consents, prescription, Optional.empty(), Optional.of(proven), confirmed, timings);
    }

    /** A signed nonce is used once: the next signature needs a fresh one. */
    VisitContext withSignatureUsed() {
        return new VisitContext(
                card, proof, consents, prescription, Optional.empty(), Optional.empty(), Optional.empty(), timings);
    }

    /** The confirmation of the signed nonce, until it is handed over (under the nonce's file id). */
    VisitContext withConfirmed(ConfirmationOutcome.Confirmed answer) {
        return new VisitContext(
                card, proof, consents, prescription, Optional.empty(), signed, Optional.of(answer), timings);
    }

    /** The confirmation is in the outbox: nothing of it stays in the visit. */
    VisitContext withHandedOver() {
        return new VisitContext(
                card, proof, consents, prescription, Optional.empty(), Optional.empty(), Optional.empty(), timings);
    }

    VisitContext withTimings(VisitTimings spent) {
        return new VisitContext(card, proof, consents, prescription, nonce, signed, confirmed, spent);
    }
}
