package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
            VisitStates states = VisitStates.of(env);
            slot.refuseSessions(new SessionOpening.InUse("held"));
            slot.insert();
            states.await(VisitState.SHOWING_PROBLEM);
            slot.remove();
            states.await(VisitState.IDLE);
            slot.refuseSessions(null);
            slot.insert();
            states.await(VisitState.AWAITING_PIN);
        }
    }

    private VisitSnapshot visitWhileTheReaderAnswers(SessionOpening.Refused refusal) throws Exception {
        try (DemoProfile env = DemoProfile.start(dir)) {
            VirtualCardSlot slot = (VirtualCardSlot) env.terminal().slot();
            VisitStates states = VisitStates.of(env);
            slot.refuseSessions(refusal);
            slot.insert();
            return states.await(VisitState.SHOWING_PROBLEM);
        }
    }
}
