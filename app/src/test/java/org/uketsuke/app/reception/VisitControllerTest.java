package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.SampleConfirmation;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;

/** The controller's own duties: ordering, the device worker, dropping stale answers, and timeouts. */
class VisitControllerTest {

    private static final ConfirmationOutcome.Confirmed SUMMARY = SampleConfirmation.CONFIRMED;

    @Test
    void anAnswerFromAVisitThatEndedNeverReachesTheNextPatient() throws Exception {
        CountDownLatch releaseConfirm = new CountDownLatch(1);
        VisitSteps steps = command -> {
            return switch (command) {
                case VisitCommand.ReadCard _ -> Optional.of(new VisitEvent.CardReady(3));
                case VisitCommand.VerifyPin _ -> Optional.of(new VisitEvent.PinVerified());
                case VisitCommand.MatchFace _ -> Optional.of(new VisitEvent.FaceMatched());
                case VisitCommand.RecordVisualCheck _ -> Optional.empty();
                case VisitCommand.Confirm _ -> {
                    await(releaseConfirm);
                    yield Optional.of(new VisitEvent.Confirmed(SUMMARY));
                }
                case VisitCommand.RegisterCard _ -> Optional.of(new VisitEvent.Confirmed(SUMMARY));
                case VisitCommand.EndVisit _ -> Optional.empty();
            };
        };
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps)) {
            controller.addListener(seen::add);
            controller.fire(new VisitEvent.CardPlaced());
            awaitState(seen, VisitState.AWAITING_PIN);
            controller.fire(new VisitEvent.PinEntered("1234"));
            awaitState(seen, VisitState.ASKING_CONSENTS);
            controller.fire(new VisitEvent.ConsentsGiven(Consents.all(Consent.NO)));
            awaitState(seen, VisitState.CONFIRMING);
            controller.fire(new VisitEvent.CardRemoved());
            awaitState(seen, VisitState.SHOWING_PROBLEM);
            controller.fire(new VisitEvent.CardRemoved());
            awaitState(seen, VisitState.IDLE);

            releaseConfirm.countDown();
            Thread.sleep(200); // give a (wrongly) delivered answer the chance to arrive
            assertThat(controller.current()).isEqualTo(VisitSnapshot.idle());
            assertThat(seen).noneMatch(s -> s.state() == VisitState.SHOWING_RESULT);
        }
    }

    @Test
    void theWaitingStateTimesOutToAProblemAndThenToIdle() throws Exception {
        VisitSteps steps = command ->
                command instanceof VisitCommand.ReadCard ? Optional.of(new VisitEvent.CardReady(3)) : Optional.empty();
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller =
                new VisitController(steps, VisitTimeouts.everyWait(Duration.ofMillis(50)), Optional.empty())) {
            controller.addListener(seen::add);
            controller.fire(new VisitEvent.CardPlaced());
            VisitSnapshot problem = awaitState(seen, VisitState.SHOWING_PROBLEM);
            assertThat(problem.problem()).contains(Problem.TIMED_OUT);
            awaitState(seen, VisitState.IDLE);
        }
    }

    private static VisitSnapshot awaitState(LinkedBlockingQueue<VisitSnapshot> seen, VisitState state)
            throws InterruptedException {
        while (true) {
            VisitSnapshot next = seen.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("waiting for %s", state).isNotNull();
            if (next.state() == state) {
                return next;
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
