package org.uketsuke.app.flow;

import java.util.Optional;

/**
 * The visible state after a transition: everything a screen needs, nothing it must compute.
 *
 * @param pinTriesLeft tries left on the auth PIN, when known (-1 otherwise)
 */
public record VisitSnapshot(
        VisitState state, int pinTriesLeft, Optional<QualificationSummary> result, Optional<Problem> problem) {

    public static VisitSnapshot idle() {
        return new VisitSnapshot(VisitState.IDLE, -1, Optional.empty(), Optional.empty());
    }

    /** The last PIN try is the one that blocks the card: the pad warns before it. */
    public boolean lastPinTry() {
        return pinTriesLeft == 1;
    }
}
