package org.uketsuke.app.flow;

import static org.uketsuke.app.flow.VisitState.ASKING_CONSENTS;
import static org.uketsuke.app.flow.VisitState.AWAITING_PIN;
import static org.uketsuke.app.flow.VisitState.AWAITING_STAFF_CHECK;
import static org.uketsuke.app.flow.VisitState.CAPTURING_CARD_FRONT;
import static org.uketsuke.app.flow.VisitState.CONFIRMING;
import static org.uketsuke.app.flow.VisitState.ENTERING_COLLATION_NUMBER;
import static org.uketsuke.app.flow.VisitState.FACE_PATH_FAILED;
import static org.uketsuke.app.flow.VisitState.IDLE;
import static org.uketsuke.app.flow.VisitState.MATCHING_FACE;
import static org.uketsuke.app.flow.VisitState.OFFERING_REGISTRATION;
import static org.uketsuke.app.flow.VisitState.READING_CARD;
import static org.uketsuke.app.flow.VisitState.REGISTERING;
import static org.uketsuke.app.flow.VisitState.SHOWING_PROBLEM;
import static org.uketsuke.app.flow.VisitState.SHOWING_RESULT;
import static org.uketsuke.app.flow.VisitState.VERIFYING_PIN;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.uketsuke.app.flow.VisitCommand.Confirm;
import org.uketsuke.app.flow.VisitCommand.EndVisit;
import org.uketsuke.app.flow.VisitCommand.MatchFace;
import org.uketsuke.app.flow.VisitCommand.ReadCard;
import org.uketsuke.app.flow.VisitCommand.RecordVisualCheck;
import org.uketsuke.app.flow.VisitCommand.RegisterCard;
import org.uketsuke.app.flow.VisitCommand.StartCardFrontCapture;
import org.uketsuke.app.flow.VisitCommand.StopCardFrontCapture;
import org.uketsuke.app.flow.VisitCommand.VerifyPin;
import org.uketsuke.app.flow.VisitEvent.Cancelled;
import org.uketsuke.app.flow.VisitEvent.CardExpiryMismatch;
import org.uketsuke.app.flow.VisitEvent.CardFrontCaptured;
import org.uketsuke.app.flow.VisitEvent.CardFrontUnreadable;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.CardRemoved;
import org.uketsuke.app.flow.VisitEvent.CollationNumberRejected;
import org.uketsuke.app.flow.VisitEvent.Confirmed;
import org.uketsuke.app.flow.VisitEvent.ConsentsGiven;
import org.uketsuke.app.flow.VisitEvent.FaceChosen;
import org.uketsuke.app.flow.VisitEvent.FaceMatched;
import org.uketsuke.app.flow.VisitEvent.FacePathChosen;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.app.flow.VisitEvent.ManualEntryChosen;
import org.uketsuke.app.flow.VisitEvent.PinEntered;
import org.uketsuke.app.flow.VisitEvent.PinPathChosen;
import org.uketsuke.app.flow.VisitEvent.PinRejected;
import org.uketsuke.app.flow.VisitEvent.PinVerified;
import org.uketsuke.app.flow.VisitEvent.RegistrationAccepted;
import org.uketsuke.app.flow.VisitEvent.RegistrationDeclined;
import org.uketsuke.app.flow.VisitEvent.RegistrationOffered;
import org.uketsuke.app.flow.VisitEvent.StaffConfirmedVisually;
import org.uketsuke.app.flow.VisitEvent.StaffRefusedVisually;
import org.uketsuke.app.flow.VisitEvent.TimedOut;
import org.uketsuke.app.flow.VisitEvent.VisualCheckRequested;

/**
 * The patient's visit as one state machine. Pure: no I/O, no threads, no UI — the table below is the behaviour, read
 * top to bottom: one row per state, with how long it waits for the patient and what every event does there. Each row
 * names the events it ignores (a late answer from a step the patient has already left changes nothing), so a new
 * event does not compile until every state has decided about it.
 */
public final class VisitFlow {

    /** Face-path failures after which the patient may still use the PIN or the staff's visual check. */
    private static final Set<Problem> FACE_PATH_FALLBACK = EnumSet.of(
            Problem.FACE_NOT_MATCHED,
            Problem.FACE_NOT_SEEN,
            Problem.CAMERA_UNAVAILABLE,
            Problem.COLLATION_NUMBER_WRONG);

    private final VisitTimeouts timeouts;
    private VisitSnapshot current = VisitSnapshot.idle();

    public VisitFlow() {
        this(VisitTimeouts.AS_IN_TABLE);
    }

    public VisitFlow(VisitTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    public VisitSnapshot current() {
        return current;
    }

    /** How long the current state waits before {@link TimedOut}; empty while a device or the staff work. */
    public Optional<Duration> timeout() {
        return row(current).timeout();
    }

    /** Applies one event; returns the transition, whose commands the caller runs off the UI thread. */
    public Transition on(VisitEvent event) {
        Transition transition = keepingTheCard(row(current).rule().apply(event));
        current = transition.next();
        return transition;
    }

    /**
     * What was presented stays known from the card's reading to the end of the visit (the rules below set it only
     * where they learn it); idle and the reading of the next card start without it.
     */
    private Transition keepingTheCard(Transition transition) {
        VisitSnapshot next = transition.next();
        if (next.state() == IDLE
                || next.state() == READING_CARD
                || !next.card().equals(PresentedCard.MY_NUMBER_CARD)
                || current.card().equals(PresentedCard.MY_NUMBER_CARD)) {
            return transition;
        }
        return new Transition(next.withCard(current.card()), transition.commands());
    }

    /** One state's row: its timeout and its rule for every event. */
    private record Row(Optional<Duration> timeout, Function<VisitEvent, Transition> rule) {}

    private Row row(VisitSnapshot now) {
        return switch (now.state()) {
            case IDLE ->
                untimed(event -> switch (event) {
                    case CardPlaced _ -> Transition.to(state(READING_CARD), new ReadCard());
                    case CardRemoved _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case READING_CARD ->
                untimed(event -> switch (event) {
                    // An iPhone was unlocked on the phone: nothing to ask on the kiosk before the consents.
                    case CardReady r
                    when r.card().kind() == CardKind.IPHONE ->
                        Transition.to(state(ASKING_CONSENTS).withCard(r.card()));
                    case CardReady r
                    when r.pinTriesLeft() == 0 && r.card().kind().pinOnTheKiosk() -> problem(Problem.PIN_BLOCKED);
                    case CardReady r -> Transition.to(pin(r.pinTriesLeft()).withCard(r.card()));
                    case Failed f -> problem(f.problem());
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case AWAITING_PIN ->
                waitsForPatient(Duration.ofSeconds(90), event -> switch (event) {
                    case PinEntered _ when !now.card().kind().pinOnTheKiosk() -> stay(now);
                    case PinEntered p ->
                        Transition.to(
                                new VisitSnapshot(
                                        VERIFYING_PIN, now.pinTriesLeft(), Optional.empty(), Optional.empty()),
                                new VerifyPin(p.pin(), p.byCompanion()));
                    case FaceChosen _, FacePathChosen _, VisualCheckRequested _
                    when !now.card().kind().photoOnTheCard() -> stay(now);
                    case FaceChosen f ->
                        Transition.to(face(MATCHING_FACE, now, null), new MatchFace(f.collationNumberB()));
                    case FacePathChosen _ -> capture(now);
                    case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
                    case Cancelled _ -> cancel();
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            // The staff decide in their own time; the patient may still cancel or take the card.
            case AWAITING_STAFF_CHECK ->
                untimed(event -> switch (event) {
                    case StaffConfirmedVisually v ->
                        Transition.to(state(ASKING_CONSENTS), new RecordVisualCheck(v.staffId()));
                    case StaffRefusedVisually _ -> problem(Problem.VISUAL_CHECK_REFUSED);
                    case Cancelled _ -> cancel();
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case MATCHING_FACE ->
                untimed(event -> switch (event) {
                    case FaceMatched _ -> Transition.to(state(ASKING_CONSENTS));
                    case CollationNumberRejected r
                    when r.triesLeft() <= 0 ->
                        Transition.to(face(FACE_PATH_FAILED, now, Problem.COLLATION_NUMBER_BLOCKED, 0));
                    case CollationNumberRejected r ->
                        Transition.to(
                                face(ENTERING_COLLATION_NUMBER, now, Problem.COLLATION_NUMBER_WRONG, r.triesLeft()));
                    case CardExpiryMismatch _ ->
                        Transition.to(face(ENTERING_COLLATION_NUMBER, now, Problem.CARD_EXPIRY_MISMATCH));
                    case Failed f
                    when FACE_PATH_FALLBACK.contains(f.problem()) ->
                        Transition.to(face(FACE_PATH_FAILED, now, f.problem()));
                    case Failed f -> problem(f.problem());
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _ -> stay(now);
                });
            // Every way out of the capture screen stops the camera.
            case CAPTURING_CARD_FRONT ->
                waits(
                        Duration.ofSeconds(90),
                        event -> leavingTheCapture(
                                switch (event) {
                                    case CardFrontCaptured c ->
                                        Transition.to(
                                                face(MATCHING_FACE, now, null), new MatchFace(c.collationNumberB()));
                                    case CardFrontUnreadable _ ->
                                        Transition.to(
                                                face(ENTERING_COLLATION_NUMBER, now, Problem.CARD_FRONT_UNREADABLE));
                                    case ManualEntryChosen _ ->
                                        Transition.to(face(ENTERING_COLLATION_NUMBER, now, null));
                                    case PinPathChosen _ -> backToThePad(now);
                                    case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
                                    case Cancelled _ -> cancel();
                                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                                    case CardPlaced _,
                                            CardReady _,
                                            PinEntered _,
                                            FaceChosen _,
                                            StaffConfirmedVisually _,
                                            StaffRefusedVisually _,
                                            FaceMatched _,
                                            PinVerified _,
                                            ConsentsGiven _,
                                            PinRejected _,
                                            Confirmed _,
                                            Failed _,
                                            RegistrationOffered _,
                                            RegistrationAccepted _,
                                            RegistrationDeclined _,
                                            FacePathChosen _,
                                            CollationNumberRejected _,
                                            CardExpiryMismatch _ -> stay(now);
                                }));
            case ENTERING_COLLATION_NUMBER ->
                waits(Duration.ofSeconds(120), event -> switch (event) {
                    case FaceChosen f ->
                        Transition.to(face(MATCHING_FACE, now, null), new MatchFace(f.collationNumberB()));
                    case FacePathChosen _ -> capture(now);
                    case PinPathChosen _ -> backToThePad(now);
                    case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
                    case Cancelled _ -> cancel();
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            ManualEntryChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case FACE_PATH_FAILED ->
                waits(Duration.ofSeconds(90), event -> switch (event) {
                    case PinPathChosen _ -> backToThePad(now);
                    case VisualCheckRequested _ -> Transition.to(state(AWAITING_STAFF_CHECK));
                    case Cancelled _ -> cancel();
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case VERIFYING_PIN ->
                untimed(event -> switch (event) {
                    case PinVerified v ->
                        Transition.to(state(ASKING_CONSENTS)
                                .withCard(v.expiry()
                                        .map(e -> new PresentedCard(now.card().kind(), e))
                                        .orElse(now.card())));
                    case PinRejected r when r.triesLeft() == 0 -> problem(Problem.PIN_BLOCKED);
                    case PinRejected r -> Transition.to(pin(r.triesLeft()));
                    case Failed f -> problem(f.problem());
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            ConsentsGiven _,
                            Confirmed _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case ASKING_CONSENTS ->
                waitsForPatient(Duration.ofSeconds(120), event -> switch (event) {
                    case ConsentsGiven g ->
                        Transition.to(state(CONFIRMING), new Confirm(g.consents(), g.prescription()));
                    case Cancelled _ -> cancel();
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case CONFIRMING ->
                untimed(event -> switch (event) {
                    case Confirmed c -> result(c);
                    case RegistrationOffered _ -> Transition.to(state(OFFERING_REGISTRATION));
                    case Failed f -> problem(f.problem());
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case OFFERING_REGISTRATION ->
                waitsForPatient(Duration.ofSeconds(90), event -> switch (event) {
                    case RegistrationAccepted _ -> Transition.to(state(REGISTERING), new RegisterCard());
                    case RegistrationDeclined _, Cancelled _ -> problem(Problem.NOT_REGISTERED);
                    case TimedOut _ -> problem(Problem.TIMED_OUT);
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Confirmed _,
                            Failed _,
                            RegistrationOffered _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case REGISTERING ->
                untimed(event -> switch (event) {
                    case Confirmed c -> result(c);
                    case Failed f -> problem(f.problem());
                    case CardRemoved _ -> problem(Problem.CARD_REMOVED);
                    case CardPlaced _,
                            CardReady _,
                            PinEntered _,
                            FaceChosen _,
                            VisualCheckRequested _,
                            StaffConfirmedVisually _,
                            StaffRefusedVisually _,
                            FaceMatched _,
                            PinVerified _,
                            ConsentsGiven _,
                            PinRejected _,
                            Cancelled _,
                            TimedOut _,
                            RegistrationOffered _,
                            RegistrationAccepted _,
                            RegistrationDeclined _,
                            FacePathChosen _,
                            ManualEntryChosen _,
                            PinPathChosen _,
                            CardFrontCaptured _,
                            CardFrontUnreadable _,
                            CollationNumberRejected _,
                            CardExpiryMismatch _ -> stay(now);
                });
            case SHOWING_RESULT -> waits(Duration.ofSeconds(60), event -> afterTheVisit(event, now));
            case SHOWING_PROBLEM -> waits(Duration.ofSeconds(30), event -> afterTheVisit(event, now));
        };
    }

    /** The result or problem screen: it stays until the card is taken, the patient is done or time is up. */
    private static Transition afterTheVisit(VisitEvent event, VisitSnapshot now) {
        return switch (event) {
            case CardRemoved _, TimedOut _, Cancelled _ -> cancel();
            case CardPlaced _ -> Transition.to(state(READING_CARD), new EndVisit(), new ReadCard());
            case CardReady _,
                    PinEntered _,
                    FaceChosen _,
                    VisualCheckRequested _,
                    StaffConfirmedVisually _,
                    StaffRefusedVisually _,
                    FaceMatched _,
                    PinVerified _,
                    ConsentsGiven _,
                    PinRejected _,
                    Confirmed _,
                    Failed _,
                    RegistrationOffered _,
                    RegistrationAccepted _,
                    RegistrationDeclined _,
                    FacePathChosen _,
                    ManualEntryChosen _,
                    PinPathChosen _,
                    CardFrontCaptured _,
                    CardFrontUnreadable _,
                    CollationNumberRejected _,
                    CardExpiryMismatch _ -> stay(now);
        };
    }

    /** A screen where the patient answers: the terminal's idle time, when configured, replaces the table's. */
    private Row waitsForPatient(Duration inTable, Function<VisitEvent, Transition> rule) {
        return new Row(Optional.of(timeouts.patientScreen(inTable)), rule);
    }

    private Row waits(Duration inTable, Function<VisitEvent, Transition> rule) {
        return new Row(Optional.of(timeouts.screen(inTable)), rule);
    }

    /** A device, the backend or the staff are working: no timeout of the flow's own. */
    private static Row untimed(Function<VisitEvent, Transition> rule) {
        return new Row(Optional.empty(), rule);
    }

    private static VisitSnapshot state(VisitState state) {
        return new VisitSnapshot(state, -1, Optional.empty(), Optional.empty());
    }

    /** A face-path state keeps the PIN tries (for the way back to the pad) and the 照合番号B tries once known. */
    private static VisitSnapshot face(VisitState state, VisitSnapshot now, Problem why) {
        return face(state, now, why, now.collationTriesLeft());
    }

    private static VisitSnapshot face(VisitState state, VisitSnapshot now, Problem why, int collationTriesLeft) {
        return new VisitSnapshot(
                state, now.pinTriesLeft(), Optional.empty(), Optional.ofNullable(why), collationTriesLeft);
    }

    /** The card-front camera starts with the capture screen. */
    private static Transition capture(VisitSnapshot now) {
        return Transition.to(face(CAPTURING_CARD_FRONT, now, null), new StartCardFrontCapture());
    }

    /** Leaving the capture screen, whichever way, stops the camera before anything else runs. */
    private static Transition leavingTheCapture(Transition transition) {
        if (transition.next().state() == CAPTURING_CARD_FRONT) {
            return transition;
        }
        List<VisitCommand> commands = new ArrayList<>();
        commands.add(new StopCardFrontCapture());
        commands.addAll(transition.commands());
        return new Transition(transition.next(), commands);
    }

    /** From the face path back to the PIN pad, for a card that has a PIN (never for a 顔認証マイナンバーカード). */
    private static Transition backToThePad(VisitSnapshot now) {
        return now.card().kind().pinOnTheKiosk() ? Transition.to(pin(now.pinTriesLeft())) : stay(now);
    }

    private static VisitSnapshot pin(int triesLeft) {
        return new VisitSnapshot(AWAITING_PIN, triesLeft, Optional.empty(), Optional.empty());
    }

    private static Transition result(Confirmed confirmed) {
        return Transition.to(
                new VisitSnapshot(SHOWING_RESULT, -1, Optional.of(confirmed.confirmation()), Optional.empty()));
    }

    private static Transition cancel() {
        return Transition.to(VisitSnapshot.idle(), new EndVisit());
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
