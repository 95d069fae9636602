package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.QualificationSummary;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;

/** The controller's own duties: ordering, the device worker, dropping stale answers, and timeouts. */
class VisitControllerTest {

    private static final QualificationSummary SUMMARY =
            new QualificationSummary("06131239", "テスト健保組合", "12", "345", "01", 30, "受付　花子", "20261124101010");

    @Test
    void anAnswerFromAVisitThatEndedNeverReachesTheNextPatient() throws Exception {
        CountDownLatch releaseConfirm = new CountDownLatch(1);
        List<VisitCommand> ran = new CopyOnWriteArrayList<>();
        VisitSteps steps = command -> {
            ran.add(command);
            return switch (command) {
                case VisitCommand.ReadCard _ -> new VisitEvent.CardReady(3);
                case VisitCommand.VerifyPin _ -> new VisitEvent.PinVerified();
                case VisitCommand.MatchFace _ -> new VisitEvent.FaceMatched();
                case VisitCommand.RecordVisualCheck _ -> null;
                case VisitCommand.Confirm _ -> {
                    await(releaseConfirm);
                    yield new VisitEvent.Confirmed(SUMMARY);
                }
                case VisitCommand.RegisterCard _ -> new VisitEvent.Confirmed(SUMMARY);
                case VisitCommand.EndVisit _ -> null;
            };
        };
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps, Map.of())) {
            controller.addListener(seen::add);
            controller.fire(new VisitEvent.CardPlaced());
            awaitState(seen, VisitState.AWAITING_PIN);
            controller.fire(new VisitEvent.PinEntered("1234"));
            awaitState(seen, VisitState.ASKING_CONSENTS);
            controller.fire(new VisitEvent.ConsentsGiven(org.uketsuke.app.flow.ConsentAnswers.allNo()));
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
        VisitSteps steps = command -> command instanceof VisitCommand.ReadCard ? new VisitEvent.CardReady(3) : null;
        LinkedBlockingQueue<VisitSnapshot> seen = new LinkedBlockingQueue<>();
        try (VisitController controller = new VisitController(steps, Map.of(
                VisitState.AWAITING_PIN, Duration.ofMillis(50),
                VisitState.SHOWING_PROBLEM, Duration.ofMillis(50)))) {
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
