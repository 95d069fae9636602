package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.CardServiceState;
import org.uketsuke.app.reception.VisitController;

/**
 * The card service going away while the kiosk waits: the welcome screen stops inviting a card and says the service
 * is down (ja/en), a visit's own screens are left as they are, and the invitation returns by itself when the service
 * answers again.
 */
class KioskCardServiceModelTest {

    @Test
    void theWelcomeScreenSaysTheCardServiceIsDownAndReturnsWhenItRunsAgain() {
        try (VisitController controller = new VisitController(command -> Optional.empty())) {
            KioskViewModel model = new KioskViewModel(controller, new Messages(Messages.JAPANESE), () -> "");
            assertThat(model.screenKey()).isEqualTo("state.IDLE");

            model.showCardService(new CardServiceState.Down("pcscd: no service (SCARD_E_NO_SERVICE)"));
            assertThat(model.cardServiceDownProperty().get()).isTrue();
            assertThat(model.screenKey()).isEqualTo("kiosk.cardServiceDown");
            for (Messages words : new Messages[] {new Messages(Messages.JAPANESE), new Messages(Messages.ENGLISH)}) {
                assertThat(words.get(model.screenKey() + ".body"))
                        .isNotEqualTo(words.get("state.IDLE.body"))
                        .containsAnyOf("カード読み取りサービス", "card reader service");
            }

            // A visit that met the outage shows its own problem screen, not the welcome screen's notice.
            model.show(new VisitSnapshot(
                    VisitState.SHOWING_PROBLEM, -1, Optional.empty(), Optional.of(Problem.CARD_SERVICE_UNAVAILABLE)));
            assertThat(model.screenKey()).isEqualTo("state.SHOWING_PROBLEM");
            model.show(VisitSnapshot.idle());
            assertThat(model.screenKey()).isEqualTo("kiosk.cardServiceDown");

            model.showCardService(new CardServiceState.Running());
            assertThat(model.cardServiceDownProperty().get()).isFalse();
            assertThat(model.screenKey()).isEqualTo("state.IDLE");
        }
    }
}
