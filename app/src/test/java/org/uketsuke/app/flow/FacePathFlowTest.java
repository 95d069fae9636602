package org.uketsuke.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.CardRemoved;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.eligibility.CollationNumberB;

/** The PIN-less face path at the counter (issue #10), table by table, without a screen. */
class FacePathFlowTest {

    private static final CollationNumberB DIGITS = new CollationNumberB("55021720352285");

    private final VisitFlow flow = new VisitFlow();

    private VisitSnapshot at(VisitEvent... events) {
        for (VisitEvent event : events) {
            flow.on(event);
        }
        return flow.current();
    }

    private VisitSnapshot atCapture() {
        return at(new CardPlaced(), new CardReady(3), new VisitEvent.FacePathChosen());
    }

    @Test
    void choosingTheFaceOnThePadAsksForTheCardFrontAndKeepsThePinTries() {
        VisitSnapshot now = atCapture();
        assertThat(now.state()).isEqualTo(VisitState.CAPTURING_CARD_FRONT);
        assertThat(now.pinTriesLeft()).isEqualTo(3);
    }

    @Test
    void aCapturedCardFrontStartsTheFaceMatchWithItsDigits() {
        atCapture();
        Transition captured = flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        assertThat(captured.next().state()).isEqualTo(VisitState.MATCHING_FACE);
        assertThat(captured.commands())
                .containsExactly(new VisitCommand.StopCardFrontCapture(), new VisitCommand.MatchFace(DIGITS));
        assertThat(new VisitEvent.CardFrontCaptured(DIGITS).toString()).doesNotContain("5502");
        assertThat(flow.on(new VisitEvent.FaceMatched()).next().state()).isEqualTo(VisitState.ASKING_CONSENTS);
    }

    @Test
    void anUnreadableCardFrontLeadsToManualEntryThenToTheFaceMatch() {
        atCapture();
        VisitSnapshot entry = flow.on(new VisitEvent.CardFrontUnreadable()).next();
        assertThat(entry.state()).isEqualTo(VisitState.ENTERING_COLLATION_NUMBER);
        assertThat(entry.problem()).contains(Problem.CARD_FRONT_UNREADABLE);
        Transition typed = flow.on(new VisitEvent.FaceChosen(DIGITS));
        assertThat(typed.next().state()).isEqualTo(VisitState.MATCHING_FACE);
        assertThat(typed.commands()).containsExactly(new VisitCommand.MatchFace(DIGITS));
    }

    @Test
    void thePatientMaySwitchBetweenCameraAndManualEntry() {
        atCapture();
        assertThat(flow.on(new VisitEvent.ManualEntryChosen()).next().state())
                .isEqualTo(VisitState.ENTERING_COLLATION_NUMBER);
        assertThat(flow.on(new VisitEvent.FacePathChosen()).next().state()).isEqualTo(VisitState.CAPTURING_CARD_FRONT);
    }

    @Test
    void aWrongCollationNumberShowsTheTriesLeftAndWaitsForNewDigits() {
        atCapture();
        flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        Transition rejected = flow.on(new VisitEvent.CollationNumberRejected(2));
        assertThat(rejected.next().state()).isEqualTo(VisitState.ENTERING_COLLATION_NUMBER);
        assertThat(rejected.next().collationTriesLeft()).isEqualTo(2);
        assertThat(rejected.next().problem()).contains(Problem.COLLATION_NUMBER_WRONG);
        // Never retried by itself: no command until the patient types (or shows the card) again.
        assertThat(rejected.commands()).isEmpty();
        assertThat(rejected.next().lastCollationTry()).isFalse();
    }

    @Test
    void theLastCollationTryIsWarnedAbout() {
        atCapture();
        flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        VisitSnapshot one = flow.on(new VisitEvent.CollationNumberRejected(1)).next();
        assertThat(one.lastCollationTry()).isTrue();
        flow.on(new VisitEvent.FaceChosen(new CollationNumberB("55021720359999")));
        assertThat(flow.current().collationTriesLeft()).isEqualTo(1);
    }

    @Test
    void noCollationTriesLeftClosesTheFacePathAndOffersPinOrStaff() {
        atCapture();
        flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        VisitSnapshot closed =
                flow.on(new VisitEvent.CollationNumberRejected(0)).next();
        assertThat(closed.state()).isEqualTo(VisitState.FACE_PATH_FAILED);
        assertThat(closed.problem()).contains(Problem.COLLATION_NUMBER_BLOCKED);
        // The face path cannot be chosen again from here.
        assertThat(flow.on(new VisitEvent.FacePathChosen()).next().state()).isEqualTo(VisitState.FACE_PATH_FAILED);
        VisitSnapshot pad = flow.on(new VisitEvent.PinPathChosen()).next();
        assertThat(pad.state()).isEqualTo(VisitState.AWAITING_PIN);
        assertThat(pad.pinTriesLeft()).isEqualTo(3);
    }

    @Test
    void anExpiryThatIsNotTheCardsAsksForTheDigitsAgainWithoutATry() {
        atCapture();
        flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        VisitSnapshot again = flow.on(new VisitEvent.CardExpiryMismatch()).next();
        assertThat(again.state()).isEqualTo(VisitState.ENTERING_COLLATION_NUMBER);
        assertThat(again.problem()).contains(Problem.CARD_EXPIRY_MISMATCH);
        assertThat(again.collationTriesLeft()).isEqualTo(-1);
    }

    static Stream<Arguments> faceFailures() {
        return Stream.of(
                        Problem.FACE_NOT_MATCHED,
                        Problem.FACE_NOT_SEEN,
                        Problem.CAMERA_UNAVAILABLE,
                        Problem.COLLATION_NUMBER_WRONG)
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("faceFailures")
    void everyFaceFailureOffersThePinOrTheStaffsCheck(Problem problem) {
        atCapture();
        flow.on(new VisitEvent.CardFrontCaptured(DIGITS));
        Transition failed = flow.on(new Failed(problem));
        assertThat(failed.next().state()).isEqualTo(VisitState.FACE_PATH_FAILED);
        assertThat(failed.next().problem()).contains(problem);
        assertThat(failed.commands()).isEmpty(); // the card session stays open for the PIN
        assertThat(flow.on(new VisitEvent.VisualCheckRequested()).next().state())
                .isEqualTo(VisitState.AWAITING_STAFF_CHECK);
    }

    static Stream<Arguments> faceStates() {
        return Stream.of(
                Arguments.of(List.<VisitEvent>of(new VisitEvent.FacePathChosen())),
                Arguments.of(List.<VisitEvent>of(new VisitEvent.FacePathChosen(), new VisitEvent.ManualEntryChosen())),
                Arguments.of(
                        List.<VisitEvent>of(new VisitEvent.FacePathChosen(), new VisitEvent.CardFrontCaptured(DIGITS))),
                Arguments.of(List.<VisitEvent>of(
                        new VisitEvent.FacePathChosen(),
                        new VisitEvent.CardFrontCaptured(DIGITS),
                        new Failed(Problem.FACE_NOT_SEEN))));
    }

    @ParameterizedTest
    @MethodSource("faceStates")
    void takingTheCardAwayAnywhereOnTheFacePathEndsTheVisit(List<VisitEvent> path) {
        at(new CardPlaced(), new CardReady(3));
        path.forEach(flow::on);
        Transition removed = flow.on(new CardRemoved());
        assertThat(removed.next().problem()).contains(Problem.CARD_REMOVED);
        assertThat(removed.commands()).endsWith(new VisitCommand.EndVisit());
        assertThat(flow.on(new CardRemoved()).next()).isEqualTo(VisitSnapshot.idle());
    }

    @Test
    void theFlowStartsTheCardFrontCameraWithTheCaptureScreen() {
        at(new CardPlaced(), new CardReady(3));
        assertThat(flow.on(new VisitEvent.FacePathChosen()).commands())
                .containsExactly(new VisitCommand.StartCardFrontCapture());
        flow.on(new VisitEvent.ManualEntryChosen());
        assertThat(flow.on(new VisitEvent.FacePathChosen()).commands())
                .containsExactly(new VisitCommand.StartCardFrontCapture());
    }

    static Stream<Arguments> waysOutOfTheCapture() {
        return Stream.of(
                        new VisitEvent.CardFrontCaptured(DIGITS),
                        new VisitEvent.CardFrontUnreadable(),
                        new VisitEvent.ManualEntryChosen(),
                        new VisitEvent.PinPathChosen(),
                        new VisitEvent.VisualCheckRequested(),
                        new VisitEvent.Cancelled(),
                        new VisitEvent.TimedOut(),
                        new CardRemoved())
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("waysOutOfTheCapture")
    void everyWayOutOfTheCaptureStopsTheCameraFirst(VisitEvent event) {
        atCapture();
        Transition out = flow.on(event);
        assertThat(out.next().state()).isNotEqualTo(VisitState.CAPTURING_CARD_FRONT);
        assertThat(out.commands()).startsWith(new VisitCommand.StopCardFrontCapture());
    }

    @Test
    void anEventTheCaptureIgnoresLeavesTheCameraRunning() {
        VisitSnapshot capturing = atCapture();
        Transition ignored = flow.on(new VisitEvent.PinVerified());
        assertThat(ignored.next()).isEqualTo(capturing);
        assertThat(ignored.commands()).isEmpty();
    }

    @Test
    void lateCaptureResultsOutsideTheCaptureChangeNothing() {
        at(new CardPlaced(), new CardReady(3));
        VisitSnapshot before = flow.current();
        assertThat(flow.on(new VisitEvent.CardFrontCaptured(DIGITS)).next()).isEqualTo(before);
        assertThat(flow.on(new VisitEvent.CollationNumberRejected(2)).next()).isEqualTo(before);
    }
}
