package org.uketsuke.app.flow;

import java.util.Objects;
import java.util.Optional;
import org.uketsuke.eligibility.ConfirmationOutcome;

/**
 * The visible state after a transition: everything a screen needs, nothing it must compute.
 *
 * @param pinTriesLeft tries left on the auth PIN, when known (-1 otherwise)
 * @param collationTriesLeft tries left on 照合番号B after a wrong one (-1 when not known)
 * @param card what the patient presented (kind and certificate expiry), kept from reading to the result
 */
public record VisitSnapshot(
        VisitState state,
        int pinTriesLeft,
        Optional<ConfirmationOutcome.Confirmed> result,
        Optional<Problem> problem,
        int collationTriesLeft,
        PresentedCard card) {

    public VisitSnapshot {
        Objects.requireNonNull(card, "card");
    }

    public VisitSnapshot(
            VisitState state,
            int pinTriesLeft,
            Optional<ConfirmationOutcome.Confirmed> result,
            Optional<Problem> problem,
            int collationTriesLeft) {
        this(state, pinTriesLeft, result, problem, collationTriesLeft, PresentedCard.MY_NUMBER_CARD);
    }

    public VisitSnapshot(
            VisitState state,
            int pinTriesLeft,
            Optional<ConfirmationOutcome.Confirmed> result,
            Optional<Problem> problem) {
        this(state, pinTriesLeft, result, problem, -1);
    }

    /** The last 照合番号B try would close the face path: the entry pane warns before it. */
    public boolean lastCollationTry() {
        return collationTriesLeft == 1;
    }

    public static VisitSnapshot idle() {
        return new VisitSnapshot(VisitState.IDLE, -1, Optional.empty(), Optional.empty());
    }

    /** The last PIN try is the one that blocks the card: the pad warns before it. */
    public boolean lastPinTry() {
        return pinTriesLeft == 1;
    }

    /** The same screen state for another presented card. */
    public VisitSnapshot withCard(PresentedCard presented) {
        return new VisitSnapshot(state, pinTriesLeft, result, problem, collationTriesLeft, presented);
    }
}
