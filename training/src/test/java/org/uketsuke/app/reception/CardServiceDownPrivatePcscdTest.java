package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PrivatePcscd;
import org.uketsuke.training.DemoProfile;

/**
 * A card service that is really down reaches the patient as CARD_SERVICE_UNAVAILABLE, driver to screen: the terminal
 * assembled on the PC/SC ports (the reader watcher and a {@link PcscCardSlot} over the driver) talks to a pcscd of
 * this test's own, which the test stops with SIGTERM as {@code systemctl stop} would; once it runs again, the next
 * visit reads the virtual card behind vpcd. The screens learn both: the service reported down, then running again. Runs in training's private-pcscd Surefire execution.
 */
@EnabledIfSystemProperty(named = "uketsuke.private-pcscd", matches = "true")
class CardServiceDownPrivatePcscdTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    Path dir;

    private PrivatePcscd pcscd;

    @BeforeEach
    void pcscdRuns() throws Exception {
        pcscd = PrivatePcscd.forThisJvm().start();
        PrivatePcscd.waitFor(() -> new PcscReaders().readers().contains(READER), "vpcd's virtual reader " + READER);
    }

    @AfterEach
    void pcscdStops() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    /** The first {@code kind} reported (a repeated state before it is skipped), or fails after 30 s. */
    private static void await(LinkedBlockingQueue<CardServiceState> service, Class<? extends CardServiceState> kind)
            throws InterruptedException {
        for (CardServiceState state = service.poll(30, TimeUnit.SECONDS);
                ;
                state = service.poll(30, TimeUnit.SECONDS)) {
            assertThat(state)
                    .as("the card service reported as " + kind.getSimpleName())
                    .isNotNull();
            if (kind.isInstance(state)) {
                return;
            }
        }
    }

    @Test
    void aStoppedCardServiceShowsCardServiceUnavailableAndTheNextVisitWorksOnceItRunsAgain() throws Exception {
        try (DemoProfile env = DemoProfile.startOnVpcd(dir, pcscd.vpcdPort())) {
            assertThat(env.terminal().slot()).isInstanceOf(PcscCardSlot.class);
            VisitStates states = VisitStates.of(env);
            // What the kiosk's welcome screen and the staff console follow (KioskViewModel, StaffView).
            LinkedBlockingQueue<CardServiceState> service = new LinkedBlockingQueue<>();
            env.terminal().onCardService(service::add);
            await(service, CardServiceState.Running.class);

            pcscd.stop();
            await(service, CardServiceState.Down.class);
            // No watcher sees a card while the service is down: the visit is started as the card-in-use visit test
            // does, and its read asks the stopped service for a session.
            env.terminal().controller().fire(new VisitEvent.CardPlaced());
            VisitSnapshot shown = states.await(VisitState.SHOWING_PROBLEM);
            assertThat(shown.problem()).contains(Problem.CARD_SERVICE_UNAVAILABLE);
            assertThat(new Messages(Messages.JAPANESE).get("problem.CARD_SERVICE_UNAVAILABLE"))
                    .contains("カード読み取りサービス");
            assertThat(new Messages(Messages.ENGLISH).get("problem.CARD_SERVICE_UNAVAILABLE"))
                    .contains("card reader service");
            env.terminal().controller().fire(new VisitEvent.CardRemoved());
            states.await(VisitState.IDLE);

            pcscd.start();
            PrivatePcscd.waitFor(() -> new PcscReaders().readers().contains(READER), "vpcd's reader after the restart");
            await(service, CardServiceState.Running.class);
            // The reader watcher survived the outage: the card placed now starts the next visit by itself.
            env.demoCard().insert();
            states.await(VisitState.AWAITING_PIN);
            env.demoCard().remove();
            states.await(VisitState.SHOWING_PROBLEM);
        }
    }
}
