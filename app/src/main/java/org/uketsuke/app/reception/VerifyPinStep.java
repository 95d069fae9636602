package org.uketsuke.app.reception;

import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.jpki.PinCheck;

/**
 * VERIFY of the auth PIN in the visit's card session; a verified PIN becomes the visit's proof (the card will sign).
 * The PIN is wiped as soon as VERIFY has been sent, whatever the card answered.
 */
final class VerifyPinStep implements VisitStep {

    private final Pin pin;
    private final boolean byCompanion;

    VerifyPinStep(Pin pin) {
        this(pin, false);
    }

    VerifyPinStep(Pin pin, boolean byCompanion) {
        this.pin = pin;
        this.byCompanion = byCompanion;
    }

    @Override
    public Result run(VisitContext visit) {
        try {
            if (visit.card().isEmpty()) {
                return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
            }
            return switch (visit.card().get().card().verifyAuthPin(pin.digits())) {
                case PinCheck.Verified _ ->
                    Result.end(
                            visit.withProof(new IdentityProof.CardSignature(byCompanion)),
                            new VisitEvent.PinVerified());
                case PinCheck.Wrong wrong -> Result.end(visit, new VisitEvent.PinRejected(wrong.triesLeft()));
                case PinCheck.Blocked _ -> Result.end(visit, new VisitEvent.Failed(Problem.PIN_BLOCKED));
                case PinCheck.CardRemoved _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
                case PinCheck.Failed _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_UNREADABLE));
            };
        } finally {
            pin.clear();
        }
    }
}
