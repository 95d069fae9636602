package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.training.DemoProfile;

/**
 * A card session the reader refuses reaches the patient as its own problem, through the whole visit (demo
 * environment: the in-process virtual reader answering as a real one can).
 */
class CardSessionRefusedVisitTest {

    @TempDir
    Path dir;

    @Test
    void aCardHeldByAnotherProgramShowsItsOwnMessage() throws Exception {
        VisitSnapshot shown = visitWhileTheReaderAnswers(new SessionOpening.InUse("held by a JPKI client"));
        assertThat(shown.problem()).contains(Problem.CARD_IN_USE);
        assertThat(new Messages(Messages.JAPANESE).get("problem.CARD_IN_USE")).contains("ほかのプログラム");
        assertThat(new Messages(Messages.ENGLISH).get("problem.CARD_IN_USE")).contains("Another program");
    }

    @Test
    void aCardServiceThatIsDownShowsCardServiceUnavailable() throws Exception {
        VisitSnapshot shown = visitWhileTheReaderAnswers(new SessionOpening.ServiceDown("SCARD_E_NO_SERVICE"));
        assertThat(shown.problem()).contains(Problem.CARD_SERVICE_UNAVAILABLE);
    }

    @Test
    void aReaderThatIsGoneShowsCardServiceUnavailable() throws Exception {
        VisitSnapshot shown = visitWhileTheReaderAnswers(new SessionOpening.NoReader("no reader named X"));
        assertThat(shown.problem()).contains(Problem.CARD_SERVICE_UNAVAILABLE);
    }

    @Test
    void theVisitReadsTheCardOnceTheReaderAnswersAgain() throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            VirtualCardSlot slot = (VirtualCardSlot) env.terminal().slot();
            BlockingQueue<VisitSnapshot> states = listen(env);
            slot.refuseSessions(new SessionOpening.InUse("held"));
            slot.insert();
            await(states, VisitState.SHOWING_PROBLEM);
            slot.remove();
            await(states, VisitState.IDLE);
            slot.refuseSessions(null);
            slot.insert();
            await(states, VisitState.AWAITING_PIN);
        }
    }

    private VisitSnapshot visitWhileTheReaderAnswers(SessionOpening.Refused refusal) throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            VirtualCardSlot slot = (VirtualCardSlot) env.terminal().slot();
            BlockingQueue<VisitSnapshot> states = listen(env);
            slot.refuseSessions(refusal);
            slot.insert();
            return await(states, VisitState.SHOWING_PROBLEM);
        }
    }

    private static BlockingQueue<VisitSnapshot> listen(DemoProfile env) {
        BlockingQueue<VisitSnapshot> states = new LinkedBlockingQueue<>();
        env.terminal().controller().addListener(states::add);
        return states;
    }

    private static VisitSnapshot await(BlockingQueue<VisitSnapshot> states, VisitState wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            VisitSnapshot s = states.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no " + wanted);
            }
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
