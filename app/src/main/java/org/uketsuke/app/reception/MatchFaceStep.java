package org.uketsuke.app.reception;

import java.util.Optional;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CollationNumberB;

/**
 * The PIN-less check on the visit's card session ({@link FaceCheck}); a match becomes the visit's proof, which the
 * terminal attests at the confirmation.
 */
final class MatchFaceStep implements VisitStep {

    private final Optional<FaceCheck> check;
    private final CollationNumberB collationNumberB;

    /** @param check empty where the terminal offers no face path (the flow then never asks for a match) */
    MatchFaceStep(Optional<FaceCheck> check, CollationNumberB collationNumberB) {
        this.check = check;
        this.collationNumberB = collationNumberB;
    }

    @Override
    public Result run(VisitContext visit) {
        if (visit.card().isEmpty()) {
            return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
        }
        if (check.isEmpty()) {
            throw new IllegalStateException("face match asked of a terminal assembled without the face check");
        }
        return switch (check.get().check(visit.card().get().transport(), collationNumberB)) {
            case FaceCheck.Result.Matched matched ->
                Result.end(visit.withProof(new IdentityProof.FaceMatch(matched)), new VisitEvent.FaceMatched());
            case FaceCheck.Result.Refused refused -> Result.end(visit, new VisitEvent.Failed(refused.problem()));
            case FaceCheck.Result.CollationRejected rejected ->
                Result.end(visit, new VisitEvent.CollationNumberRejected(rejected.triesLeft()));
            case FaceCheck.Result.ExpiryMismatch _ -> Result.end(visit, new VisitEvent.CardExpiryMismatch());
        };
    }
}
