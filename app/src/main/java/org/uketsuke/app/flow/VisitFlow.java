package org.uketsuke.app.flow;

import static org.uketsuke.app.flow.VisitState.ASKING_CONSENTS;
import static org.uketsuke.app.flow.VisitState.AWAITING_PIN;
import static org.uketsuke.app.flow.VisitState.AWAITING_STAFF_CHECK;
import static org.uketsuke.app.flow.VisitState.CONFIRMING;
import static org.uketsuke.app.flow.VisitState.IDLE;
import static org.uketsuke.app.flow.VisitState.MATCHING_FACE;
import static org.uketsuke.app.flow.VisitState.READING_CARD;
import static org.uketsuke.app.flow.VisitState.SHOWING_PROBLEM;
import static org.uketsuke.app.flow.VisitState.SHOWING_RESULT;
import static org.uketsuke.app.flow.VisitState.VERIFYING_PIN;

import java.util.Optional;
import org.uketsuke.app.flow.VisitCommand.Confirm;
import org.uketsuke.app.flow.VisitCommand.MatchFace;
import org.uketsuke.app.flow.VisitCommand.RecordVisualCheck;
import org.uketsuke.app.flow.VisitCommand.VerifyPin;
import org.uketsuke.app.flow.VisitCommand.EndVisit;
import org.uketsuke.app.flow.VisitCommand.ReadCard;
import org.uketsuke.app.flow.VisitEvent.Cancelled;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.CardRemoved;
import org.uketsuke.app.flow.VisitEvent.Confirmed;
import org.uketsuke.app.flow.VisitEvent.ConsentsGiven;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.app.flow.VisitEvent.FaceChosen;
import org.uketsuke.app.flow.VisitEvent.FaceMatched;
import org.uketsuke.app.flow.VisitEvent.PinEntered;
import org.uketsuke.app.flow.VisitEvent.PinRejected;
import org.uketsuke.app.flow.VisitEvent.PinVerified;
import org.uketsuke.app.flow.VisitEvent.StaffConfirmedVisually;
import org.uketsuke.app.flow.VisitEvent.StaffRefusedVisually;
import org.uketsuke.app.flow.VisitEvent.VisualCheckRequested;
import org.uketsuke.app.flow.VisitEvent.TimedOut;

/**
 * The patient's visit as one state machine. Pure: no I/O, no threads, no UI — the whole table below is the
 * behaviour, read top to bottom. Events that a state does not expect (a late answer from a step the patient has
 * already left) change nothing.
 */
public final class VisitFlow {

    private VisitSnapshot current = VisitSnapshot.idle();

    public VisitSnapshot current() {
        return current;
    }

    /** Applies one event; returns the transition, whose commands the caller runs off the UI thread. */
    public Transition on(VisitEvent event) {
        Transition transition = next(current, event);
        current = transition.next();
        return transition;
    }

    private static Transition next(VisitSnapshot now, VisitEvent event) {
        return switch (now.state()) {
            case IDLE -> switch (event) {
                case CardPlaced _ -> Transition.to(state(READING_CARD), new ReadCard());
                default -> stay(now);
            };
            case READING_CARD -> switch (event) {
                case CardReady r when r.pinTriesLeft() == 0 -> problem(Problem.PIN_BLOCKED);
                case CardReady r -> Transition.to(pin(r.pinTriesLeft()));
                case Failed f -> problem(f.problem());
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case AWAITING_PIN -> switch (event) {
                case PinEntered p -> Transition.to(
                        new VisitSnapshot(VERIFYING_PIN, now.pinTriesLeft(), Optional.empty(), Optional.empty()),
                        new VerifyPin(p.pin()));
                case FaceChosen f -> Transition.to(face(MATCHING_FACE, now, null), new MatchFace(f.collationNumberB()));
                case VisitEvent.FacePathChosen _ -> Transition.to(face(VisitState.CAPTURING_CARD_FRONT, now, null));
                case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
                case Cancelled _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case TimedOut _ -> problem(Problem.TIMED_OUT);
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case AWAITING_STAFF_CHECK -> switch (event) {
                case StaffConfirmedVisually v -> Transition.to(state(ASKING_CONSENTS), new RecordVisualCheck(v.staffId()));
                case StaffRefusedVisually _ -> problem(Problem.VISUAL_CHECK_REFUSED);
                case Cancelled _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case TimedOut _ -> problem(Problem.TIMED_OUT);
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case MATCHING_FACE -> switch (event) {
                case FaceMatched _ -> Transition.to(state(ASKING_CONSENTS));
                case VisitEvent.CollationNumberRejected r when r.triesLeft() <= 0 ->
                        Transition.to(face(VisitState.FACE_PATH_FAILED, now, Problem.COLLATION_NUMBER_BLOCKED, 0));
                case VisitEvent.CollationNumberRejected r -> Transition.to(face(VisitState.ENTERING_COLLATION_NUMBER,
                        now, Problem.COLLATION_NUMBER_WRONG, r.triesLeft()));
                case VisitEvent.CardExpiryMismatch _ ->
                        Transition.to(face(VisitState.ENTERING_COLLATION_NUMBER, now, Problem.CARD_EXPIRY_MISMATCH));
                case Failed f when FACE_PATH_FALLBACK.contains(f.problem()) ->
                        Transition.to(face(VisitState.FACE_PATH_FAILED, now, f.problem()));
                case Failed f -> problem(f.problem());
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case CAPTURING_CARD_FRONT -> switch (event) {
                case VisitEvent.CardFrontCaptured c ->
                        Transition.to(face(MATCHING_FACE, now, null), new MatchFace(c.collationNumberB()));
                case VisitEvent.CardFrontUnreadable _ ->
                        Transition.to(face(VisitState.ENTERING_COLLATION_NUMBER, now, Problem.CARD_FRONT_UNREADABLE));
                case VisitEvent.ManualEntryChosen _ -> Transition.to(face(VisitState.ENTERING_COLLATION_NUMBER, now, null));
                default -> leavingTheFacePath(event, now);
            };
            case ENTERING_COLLATION_NUMBER -> switch (event) {
                case FaceChosen f -> Transition.to(face(MATCHING_FACE, now, null), new MatchFace(f.collationNumberB()));
                case VisitEvent.FacePathChosen _ -> Transition.to(face(VisitState.CAPTURING_CARD_FRONT, now, null));
                default -> leavingTheFacePath(event, now);
            };
            case FACE_PATH_FAILED -> leavingTheFacePath(event, now);
            case VERIFYING_PIN -> switch (event) {
                case PinVerified _ -> Transition.to(state(ASKING_CONSENTS));
                case PinRejected r when r.triesLeft() == 0 -> problem(Problem.PIN_BLOCKED);
                case PinRejected r -> Transition.to(pin(r.triesLeft()));
                case Failed f -> problem(f.problem());
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case ASKING_CONSENTS -> switch (event) {
                case ConsentsGiven g -> Transition.to(state(CONFIRMING), new Confirm(g.answers()));
                case Cancelled _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case TimedOut _ -> problem(Problem.TIMED_OUT);
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case CONFIRMING -> switch (event) {
                case Confirmed c -> Transition.to(
                        new VisitSnapshot(SHOWING_RESULT, -1, Optional.of(c.summary()), Optional.empty()));
                case VisitEvent.RegistrationOffered _ -> Transition.to(state(VisitState.OFFERING_REGISTRATION));
                case Failed f -> problem(f.problem());
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case OFFERING_REGISTRATION -> switch (event) {
                case VisitEvent.RegistrationAccepted _ -> Transition.to(state(VisitState.REGISTERING),
                        new VisitCommand.RegisterCard());
                case VisitEvent.RegistrationDeclined _, Cancelled _ -> problem(Problem.NOT_REGISTERED);
                case TimedOut _ -> problem(Problem.TIMED_OUT);
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case REGISTERING -> switch (event) {
                case Confirmed c -> Transition.to(
                        new VisitSnapshot(SHOWING_RESULT, -1, Optional.of(c.summary()), Optional.empty()));
                case Failed f -> problem(f.problem());
                case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                default -> stay(now);
            };
            case SHOWING_RESULT, SHOWING_PROBLEM -> switch (event) {
                case CardRemoved _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case TimedOut _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case Cancelled _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
                case CardPlaced _ -> Transition.to(state(READING_CARD), new EndVisit(), new ReadCard());
                default -> stay(now);
            };
        };
    }

    private static VisitSnapshot state(VisitState state) {
        return new VisitSnapshot(state, -1, Optional.empty(), Optional.empty());
    }

    /** Face-path failures after which the patient may still use the PIN or the staff's visual check. */
    private static final java.util.Set<Problem> FACE_PATH_FALLBACK = java.util.EnumSet.of(Problem.FACE_NOT_MATCHED,
            Problem.FACE_NOT_SEEN, Problem.CAMERA_UNAVAILABLE, Problem.COLLATION_NUMBER_WRONG);

    /** A face-path state keeps the PIN tries (for the way back to the pad) and the 照合番号B tries once known. */
    private static VisitSnapshot face(VisitState state, VisitSnapshot now, Problem why) {
        return face(state, now, why, now.collationTriesLeft());
    }

    private static VisitSnapshot face(VisitState state, VisitSnapshot now, Problem why, int collationTriesLeft) {
        return new VisitSnapshot(state, now.pinTriesLeft(), Optional.empty(), Optional.ofNullable(why),
                collationTriesLeft);
    }

    /** What every face-path screen does with the patient's other choices: PIN, staff check, cancel, timeout, removal. */
    private static Transition leavingTheFacePath(VisitEvent event, VisitSnapshot now) {
        return switch (event) {
            case VisitEvent.PinPathChosen _ -> backToPin(now);
            case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
            case Cancelled _ -> Transition.to(VisitSnapshot.idle(), new EndVisit());
            case TimedOut _ -> problem(Problem.TIMED_OUT);
            case CardRemoved _ -> problem(Problem.CARD_REMOVED);
            default -> stay(now);
        };
    }

    /** Back to the PIN pad from the face path, with the tries the card reported when it was read. */
    private static Transition backToPin(VisitSnapshot now) {
        return Transition.to(pin(now.pinTriesLeft()));
    }

    private static VisitSnapshot pin(int triesLeft) {
        return new VisitSnapshot(AWAITING_PIN, triesLeft, Optional.empty(), Optional.empty());
    }

    /** Any problem ends the patient's card session at once; the screen stays until card removal or timeout. */
    private static Transition problem(Problem problem) {
        return Transition.to(
                new VisitSnapshot(SHOWING_PROBLEM, -1, Optional.empty(), Optional.of(problem)), new EndVisit());
    }

    private static Transition stay(VisitSnapshot now) {
        return Transition.to(now);
    }
}
