package org.uketsuke.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.VisitCommand.Confirm;
import org.uketsuke.app.flow.VisitCommand.EndVisit;
import org.uketsuke.app.flow.VisitCommand.ReadCard;
import org.uketsuke.app.flow.VisitCommand.VerifyPin;
import org.uketsuke.app.flow.VisitEvent.Cancelled;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.CardRemoved;
import org.uketsuke.app.flow.VisitEvent.Confirmed;
import org.uketsuke.app.flow.VisitEvent.ConsentsGiven;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.app.flow.VisitEvent.PinEntered;
import org.uketsuke.app.flow.VisitEvent.PinRejected;
import org.uketsuke.app.flow.VisitEvent.PinVerified;
import org.uketsuke.app.flow.VisitEvent.TimedOut;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

class VisitFlowTest {

    private static final ConfirmationOutcome.Confirmed SUMMARY = SampleConfirmation.CONFIRMED;
    private static final Consents ALL_NO = Consents.all(Consent.NO);
    private static final CollationNumberB DIGITS = new CollationNumberB("55021720352285");

    private final VisitFlow flow = new VisitFlow();

    private VisitFlow at(VisitEvent... events) {
        for (VisitEvent event : events) {
            flow.on(event);
        }
        return flow;
    }

    @Test
    void aPlacedCardIsReadThenThePinIsAskedWithTheTriesLeft() {
        assertThat(flow.on(new CardPlaced()).commands()).containsExactly(new ReadCard());
        Transition ready = flow.on(new CardReady(3));
        assertThat(ready.next().state()).isEqualTo(VisitState.AWAITING_PIN);
        assertThat(ready.next().pinTriesLeft()).isEqualTo(3);
        assertThat(ready.commands()).isEmpty();
    }

    @Test
    void theHappyPathEndsOnTheResultAndCardRemovalReturnsToIdle() {
        at(new CardPlaced(), new CardReady(3));
        Transition verify = flow.on(new PinEntered("1234"));
        assertThat(verify.next().state()).isEqualTo(VisitState.VERIFYING_PIN);
        assertThat(verify.commands()).containsExactly(new VerifyPin("1234"));
        assertThat(flow.on(new PinVerified()).next().state()).isEqualTo(VisitState.ASKING_CONSENTS);
        Transition confirm = flow.on(new ConsentsGiven(ALL_NO));
        assertThat(confirm.next().state()).isEqualTo(VisitState.CONFIRMING);
        assertThat(confirm.commands()).containsExactly(new Confirm(ALL_NO));

        Transition result = flow.on(new Confirmed(SUMMARY));
        assertThat(result.next().state()).isEqualTo(VisitState.SHOWING_RESULT);
        assertThat(result.next().result()).contains(SUMMARY);

        Transition removed = flow.on(new CardRemoved());
        assertThat(removed.next()).isEqualTo(VisitSnapshot.idle());
        assertThat(removed.commands()).containsExactly(new EndVisit());
    }

    @Test
    void anUnregisteredCardIsOfferedRegistrationAndRegisteringConfirms() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified(), new ConsentsGiven(ALL_NO));
        assertThat(flow.on(new VisitEvent.RegistrationOffered()).next().state())
                .isEqualTo(VisitState.OFFERING_REGISTRATION);
        Transition register = flow.on(new VisitEvent.RegistrationAccepted());
        assertThat(register.next().state()).isEqualTo(VisitState.REGISTERING);
        assertThat(register.commands()).containsExactly(new VisitCommand.RegisterCard());
        assertThat(flow.on(new Confirmed(SUMMARY)).next().result()).contains(SUMMARY);
    }

    @Test
    void decliningTimingOutOrPullingTheCardAtTheRegistrationOfferEndsTheVisitWithItsReason() {
        VisitEvent[] toOffer = {
            new CardPlaced(),
            new CardReady(3),
            new PinEntered("1234"),
            new PinVerified(),
            new ConsentsGiven(ALL_NO),
            new VisitEvent.RegistrationOffered()
        };
        at(toOffer);
        Transition declined = flow.on(new VisitEvent.RegistrationDeclined());
        assertThat(declined.next().problem()).contains(Problem.NOT_REGISTERED);
        assertThat(declined.commands()).containsExactly(new EndVisit());
        flow.on(new CardRemoved());
        at(toOffer);
        assertThat(flow.on(new TimedOut()).next().problem()).contains(Problem.TIMED_OUT);
        flow.on(new CardRemoved());
        at(toOffer);
        flow.on(new VisitEvent.RegistrationAccepted());
        assertThat(flow.on(new CardRemoved()).next().problem()).contains(Problem.CARD_REMOVED);
    }

    @Test
    void aWrongPinReturnsToThePadWithFewerTriesAndNeverRetriesByItself() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("0000"));
        Transition rejected = flow.on(new PinRejected(2));
        assertThat(rejected.next().state()).isEqualTo(VisitState.AWAITING_PIN);
        assertThat(rejected.next().pinTriesLeft()).isEqualTo(2);
        assertThat(rejected.commands()).isEmpty();
    }

    @Test
    void theLastTryIsFlaggedSoThePadCanWarn() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("0000"), new PinRejected(1));
        assertThat(flow.current().lastPinTry()).isTrue();
    }

    @Test
    void theTryThatExhaustsThePinShowsBlocked() {
        at(new CardPlaced(), new CardReady(1), new PinEntered("0000"));
        Transition blocked = flow.on(new PinRejected(0));
        assertThat(blocked.next().problem()).contains(Problem.PIN_BLOCKED);
        assertThat(blocked.commands()).containsExactly(new EndVisit());
    }

    @Test
    void aCardWhosePinIsAlreadyBlockedNeverShowsThePad() {
        at(new CardPlaced());
        assertThat(flow.on(new CardReady(0)).next().problem()).contains(Problem.PIN_BLOCKED);
    }

    @Test
    void cardRemovalAbortsEveryStepWithAClearProblemAndEndsTheSession() {
        for (List<VisitEvent> path : List.of(
                List.<VisitEvent>of(new CardPlaced()),
                List.<VisitEvent>of(new CardPlaced(), new CardReady(3)),
                List.<VisitEvent>of(new CardPlaced(), new CardReady(3), new PinEntered("1234")),
                List.<VisitEvent>of(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified()),
                List.<VisitEvent>of(
                        new CardPlaced(),
                        new CardReady(3),
                        new PinEntered("1234"),
                        new PinVerified(),
                        new ConsentsGiven(Consents.all(Consent.YES))))) {
            VisitFlow f = new VisitFlow();
            path.forEach(f::on);
            Transition removed = f.on(new CardRemoved());
            assertThat(removed.next().problem()).as("after %s", path).contains(Problem.CARD_REMOVED);
            assertThat(removed.commands()).containsExactly(new EndVisit());
        }
    }

    @Test
    void aLateAnswerAfterTheVisitEndedChangesNothing() {
        at(
                new CardPlaced(),
                new CardReady(3),
                new PinEntered("1234"),
                new PinVerified(),
                new ConsentsGiven(ALL_NO),
                new CardRemoved(),
                new CardRemoved());
        assertThat(flow.current()).isEqualTo(VisitSnapshot.idle());
        Transition late = flow.on(new Confirmed(SUMMARY));
        assertThat(late.next()).isEqualTo(VisitSnapshot.idle());
        assertThat(late.commands()).isEmpty();
    }

    @Test
    void theNextPatientNeverSeesThePreviousResult() {
        at(
                new CardPlaced(),
                new CardReady(3),
                new PinEntered("1234"),
                new PinVerified(),
                new ConsentsGiven(ALL_NO),
                new Confirmed(SUMMARY));
        Transition next = flow.on(new CardPlaced());
        assertThat(next.next().state()).isEqualTo(VisitState.READING_CARD);
        assertThat(next.next().result()).isEmpty();
        assertThat(next.commands()).containsExactly(new EndVisit(), new ReadCard());
    }

    @Test
    void backendAndCardFailuresShowTheirProblem() {
        at(new CardPlaced());
        assertThat(flow.on(new Failed(Problem.NOT_A_MY_NUMBER_CARD)).next().problem())
                .contains(Problem.NOT_A_MY_NUMBER_CARD);
        VisitFlow other = new VisitFlow();
        other.on(new CardPlaced());
        other.on(new CardReady(3));
        other.on(new PinEntered("1234"));
        other.on(new PinVerified());
        other.on(new ConsentsGiven(ALL_NO));
        assertThat(other.on(new Failed(Problem.BACKEND_UNAVAILABLE)).next().problem())
                .contains(Problem.BACKEND_UNAVAILABLE);
    }

    @Test
    void theFacePathGoesFromThePadToTheCameraAndOnToConsents() {
        at(new CardPlaced(), new CardReady(3));
        Transition chosen = flow.on(new VisitEvent.FaceChosen(DIGITS));
        assertThat(chosen.next().state()).isEqualTo(VisitState.MATCHING_FACE);
        assertThat(chosen.commands()).containsExactly(new VisitCommand.MatchFace(DIGITS));
        assertThat(chosen.commands().getFirst().toString()).doesNotContain("5502");
        assertThat(flow.on(new VisitEvent.FaceMatched()).next().state()).isEqualTo(VisitState.ASKING_CONSENTS);

        VisitFlow refused = new VisitFlow();
        for (VisitEvent e : List.of(new CardPlaced(), new CardReady(3), new VisitEvent.FaceChosen(DIGITS))) {
            refused.on(e);
        }
        assertThat(refused.on(new Failed(Problem.FACE_NOT_MATCHED)).next().problem())
                .contains(Problem.FACE_NOT_MATCHED);
    }

    @Test
    void theStaffsVisualCheckLeadsToConsentsOrToAPlainRefusal() {
        at(new CardPlaced(), new CardReady(3));
        assertThat(flow.on(new VisitEvent.VisualCheckRequested()).next().state())
                .isEqualTo(VisitState.AWAITING_STAFF_CHECK);
        Transition confirmed = flow.on(new VisitEvent.StaffConfirmedVisually("staff-01"));
        assertThat(confirmed.next().state()).isEqualTo(VisitState.ASKING_CONSENTS);
        assertThat(confirmed.commands()).containsExactly(new VisitCommand.RecordVisualCheck("staff-01"));

        VisitFlow refused = new VisitFlow();
        for (VisitEvent e : List.of(new CardPlaced(), new CardReady(3), new VisitEvent.VisualCheckRequested())) {
            refused.on(e);
        }
        assertThat(refused.on(new VisitEvent.StaffRefusedVisually()).next().problem())
                .contains(Problem.VISUAL_CHECK_REFUSED);
    }

    @Test
    void theConsentScreenTimesOutOrCancelsLikeThePad() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified());
        assertThat(flow.on(new TimedOut()).next().problem()).contains(Problem.TIMED_OUT);
        VisitFlow cancelled = new VisitFlow();
        for (VisitEvent e : List.of(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified())) {
            cancelled.on(e);
        }
        assertThat(cancelled.on(new Cancelled()).commands()).containsExactly(new EndVisit());
    }

    @Test
    void cancelAndTimeoutOnThePadLeaveNoPinState() {
        at(new CardPlaced(), new CardReady(3));
        Transition cancel = flow.on(new Cancelled());
        assertThat(cancel.next()).isEqualTo(VisitSnapshot.idle());
        assertThat(cancel.commands()).containsExactly(new EndVisit());

        VisitFlow timed = new VisitFlow();
        timed.on(new CardPlaced());
        timed.on(new CardReady(3));
        assertThat(timed.on(new TimedOut()).next().problem()).contains(Problem.TIMED_OUT);
        assertThat(timed.on(new TimedOut()).next()).isEqualTo(VisitSnapshot.idle());
    }

    @Test
    void thePinNeverAppearsInLogsOfEventsOrCommands() {
        assertThat(new PinEntered("9876").toString()).doesNotContain("9876");
        assertThat(new VerifyPin("9876").toString()).doesNotContain("9876");
    }

    // --- medical information with consent (#14) ---------------------------------------------------------------------

    @Test
    void thePrescriptionFormChosenOnTheConsentScreenTravelsWithTheConfirmation() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified());
        Consents answers = new Consents(Consent.YES, Consent.NO, Consent.YES, Consent.NO, Consent.YES, Consent.NO);
        Transition confirm = flow.on(new ConsentsGiven(answers, Optional.of(PrescriptionForm.ELECTRONIC)));
        assertThat(confirm.next().state()).isEqualTo(VisitState.CONFIRMING);
        assertThat(confirm.commands()).containsExactly(new Confirm(answers, Optional.of(PrescriptionForm.ELECTRONIC)));
    }

    @Test
    void aClinicWithoutEPrescriptionsDoesNotAskTheForm() {
        at(new CardPlaced(), new CardReady(3), new PinEntered("1234"), new PinVerified());
        Transition confirm = flow.on(new ConsentsGiven(ALL_NO));
        assertThat(((Confirm) confirm.commands().getFirst()).prescription()).isEmpty();
    }
}
